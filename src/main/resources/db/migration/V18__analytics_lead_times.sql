-- Lead times (README "Analytics"): a mergeable histogram (HdrHistogram, seconds, compressed) per day
-- of the later milestone, channel, metric and carrier, so weeks and months merge days without the
-- raw durations; and the milestones the projector has seen per order, to measure from.

CREATE TABLE analytics_daily_lead_times (
    day        DATE         NOT NULL,
    channel    VARCHAR(50)  NOT NULL,
    metric     VARCHAR(40)  NOT NULL,
    carrier    VARCHAR(100) NOT NULL DEFAULT '',   -- '' where the metric has none (placed -> confirmed)
    count      BIGINT       NOT NULL,
    histogram  BYTEA        NOT NULL,
    PRIMARY KEY (day, channel, metric, carrier)
);

-- Per order: when the projector saw it confirmed and first shipped (and with which carrier). Written
-- only by the projector, in its transaction; cleared by a rebuild.
CREATE TABLE analytics_order_milestones (
    order_id          UUID PRIMARY KEY,
    confirmed_at      TIMESTAMPTZ,
    first_shipped_at  TIMESTAMPTZ,
    first_carrier     VARCHAR(100)
);
