-- Shipping and delivery figures (README "Analytics"): counts per day of the event, channel, carrier
-- and figure -- firstShipment (an order's first shipment) and partialFirstShipment (one that left
-- units of the order unshipped), delivered (a shipment), deliveredWithEstimate (one that had an
-- estimated delivery date), deliveredOnTime (on or before the day of its first estimate),
-- exception (label: its kind, the carrier's subStatus). Maintained by the analytics projector in its
-- transaction, like the other rollups.
CREATE TABLE analytics_daily_delivery (
    day      DATE          NOT NULL,
    channel  VARCHAR(50)   NOT NULL,
    carrier  VARCHAR(100)  NOT NULL,
    figure   VARCHAR(30)   NOT NULL,
    label    VARCHAR(100)  NOT NULL DEFAULT '',
    count    BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (day, channel, carrier, figure, label)
);

-- What the projector remembers of each shipment it has seen: its order, its carrier and the first
-- delivery estimate a carrier gave for it.
CREATE TABLE analytics_shipments (
    fulfillment_id     UUID          PRIMARY KEY,
    order_id           UUID          NOT NULL,
    carrier            VARCHAR(100)  NOT NULL,
    first_estimate_at  TIMESTAMPTZ
);
CREATE INDEX analytics_shipments_by_order ON analytics_shipments (order_id);

-- Stock figures (README "Analytics"): counts per day of the event, channel, figure and SKU --
-- unitsSold (units of the orders confirmed, by SKU: the top sellers), soldOut (placements that took
-- a SKU's last available units), expiredHold (an unpaid order's hold ran out; sku ''),
-- unitsReleased (the units an expired hold gave back, by SKU).
CREATE TABLE analytics_daily_stock (
    day      DATE          NOT NULL,
    channel  VARCHAR(50)   NOT NULL,
    figure   VARCHAR(30)   NOT NULL,
    sku      VARCHAR(64)   NOT NULL DEFAULT '',
    count    BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (day, channel, figure, sku)
);
