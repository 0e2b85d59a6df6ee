-- Analytics (README "Analytics"): rollups maintained from the event log by AnalyticsProjector, read
-- by GET /analytics/*, never computed by scanning orders per request.

-- How far the projector has read the log (one row; NULL: from the log's start).
CREATE TABLE analytics_projection (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    txid      xid8,
    event_id  BIGINT
);
INSERT INTO analytics_projection (id) VALUES (1);

-- Sales per day (in orderstream.analytics.zone), channel and currency: counts and money in minor units.
CREATE TABLE analytics_daily_sales (
    day               DATE         NOT NULL,
    channel           VARCHAR(50)  NOT NULL,
    currency          VARCHAR(3)   NOT NULL,
    placed            INTEGER      NOT NULL DEFAULT 0,
    confirmed         INTEGER      NOT NULL DEFAULT 0,
    cancelled         INTEGER      NOT NULL DEFAULT 0,
    expired           INTEGER      NOT NULL DEFAULT 0,
    units_sold        INTEGER      NOT NULL DEFAULT 0,
    gross_amount      BIGINT       NOT NULL DEFAULT 0,
    refunded_amount   BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (day, channel, currency)
);
