-- Post-sale figures (README "Analytics"): counts (and, for refunds, amounts) per day of the event,
-- channel, figure and label -- cancellations by reason, refunds by reason and currency, units
-- returned by SKU, return receipts, feedback by rating, recovered checkouts. Maintained by the
-- analytics projector in its transaction, like the sales rollup.
CREATE TABLE analytics_daily_post_sale (
    day       DATE          NOT NULL,
    channel   VARCHAR(50)   NOT NULL,
    figure    VARCHAR(30)   NOT NULL,
    label     VARCHAR(200)  NOT NULL DEFAULT '',
    currency  VARCHAR(3)    NOT NULL DEFAULT '',   -- refunds only
    count     BIGINT        NOT NULL DEFAULT 0,
    amount    BIGINT        NOT NULL DEFAULT 0,    -- refunds only: minor units
    PRIMARY KEY (day, channel, figure, label, currency)
);
