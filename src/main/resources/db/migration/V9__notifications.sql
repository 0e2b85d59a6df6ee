-- Customer notifications (see README "Customer notifications") and abandoned-checkout recovery.

-- The language the customer shopped in (a BCP 47 tag; NULL: the store's default): emails speak it.
ALTER TABLE orders ADD COLUMN language VARCHAR(35),
    -- the expired order a recovery placed this one from, and the order that recovered an expired one
                   ADD COLUMN recovered_from UUID REFERENCES orders (id),
                   ADD COLUMN recovered_by UUID REFERENCES orders (id);
-- One recovery per expired order, whatever races.
CREATE UNIQUE INDEX orders_recovered_from ON orders (recovered_from) WHERE recovered_from IS NOT NULL;

-- A customer's choice: order updates by email or only what the law needs (placed, cancelled, refunds).
CREATE TABLE notification_preferences (
    customer_id    VARCHAR(100) PRIMARY KEY,
    order_updates  BOOLEAN      NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- The durable outbox of emails: one row per order, trigger and subject (a shipment, a refund, a
-- return; '' for the order itself), created from the event log, sent by whichever instance claims it.
CREATE TABLE notifications (
    id             BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id       UUID          NOT NULL REFERENCES orders (id),
    type           VARCHAR(30)   NOT NULL CHECK (type IN ('ORDER_PLACED', 'ORDER_CONFIRMED', 'SHIPPED',
                                     'OUT_FOR_DELIVERY', 'DELIVERY_EXCEPTION', 'DELIVERED', 'CANCELLED',
                                     'REFUND_ISSUED', 'RETURN_RECEIVED', 'CHECKOUT_RECOVERY')),
    subject        VARCHAR(64)   NOT NULL,
    -- how far along the order's journey it is: a pending one is not sent once a later one exists
    progress       INTEGER       NOT NULL,
    event_id       BIGINT,
    resend_of      BIGINT        REFERENCES notifications (id),
    recipient      VARCHAR(254)  NOT NULL,
    detail         VARCHAR(100),
    state          VARCHAR(20)   NOT NULL CHECK (state IN ('PENDING', 'SENT', 'SUPPRESSED', 'SUPERSEDED')),
    attempts       INTEGER       NOT NULL DEFAULT 0,
    last_error     VARCHAR(500),
    not_before     TIMESTAMPTZ   NOT NULL,
    claimed_until  TIMESTAMPTZ,
    created_at     TIMESTAMPTZ   NOT NULL,
    sent_at        TIMESTAMPTZ
);
-- At most once per order and trigger: a replayed or duplicated event finds its row already there.
CREATE UNIQUE INDEX notifications_once ON notifications (order_id, type, subject) WHERE resend_of IS NULL;
CREATE INDEX notifications_due ON notifications (not_before, id) WHERE state = 'PENDING';
CREATE INDEX notifications_order ON notifications (order_id, id);

-- Where in the log notifications have been created up to (one row; NULL: start at the log's head).
CREATE TABLE notification_fanout (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    txid      xid8,
    event_id  BIGINT
);
INSERT INTO notification_fanout (id) VALUES (1);
