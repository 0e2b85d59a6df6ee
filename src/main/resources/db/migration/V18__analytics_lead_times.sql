-- Lead times (README "Analytics"): mergeable histograms (HdrHistogram, seconds) of the durations
-- between an order's milestones, and the milestones the projector has seen per order.
--
-- A duration lands in the rows of its day, its ISO week and its month, each for its channel and for
-- every channel ('*'), and for its carrier and for every carrier (''): a query reads whole weeks
-- and months from their own rows and only the days at a range's ragged edges from day rows, and
-- never merges channels or carriers itself, so a 90-day query decodes a few hundred histograms,
-- not thousands. Each row is the merge of the durations that land in it, never the raw durations.
CREATE TABLE analytics_lead_times (
    period     VARCHAR(5)   NOT NULL CHECK (period IN ('day', 'week', 'month')),
    start      DATE         NOT NULL,               -- the day, the week's Monday, the month's first day
    channel    VARCHAR(50)  NOT NULL,               -- '*': every channel
    metric     VARCHAR(40)  NOT NULL,
    carrier    VARCHAR(100) NOT NULL DEFAULT '',    -- '': every carrier (and the metrics that have none)
    count      BIGINT       NOT NULL,
    histogram  BYTEA        NOT NULL,
    PRIMARY KEY (period, start, channel, metric, carrier)
);

-- Per order: when the projector saw it confirmed and first shipped (and with which carrier). Written
-- only by the projector, in its transaction; cleared by a rebuild.
CREATE TABLE analytics_order_milestones (
    order_id          UUID PRIMARY KEY,
    confirmed_at      TIMESTAMPTZ,
    first_shipped_at  TIMESTAMPTZ,
    first_carrier     VARCHAR(100)
);
