-- Orderstream schema. Flyway owns it; Hibernate only validates.
-- Every invariant the database can hold is declared here, so a bug in the service
-- fails a statement instead of corrupting stock or the event log.

CREATE TABLE products (
    sku             VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    price_amount    BIGINT       NOT NULL CHECK (price_amount >= 0),
    price_currency  VARCHAR(3)   NOT NULL,
    on_hand         INTEGER      NOT NULL DEFAULT 0,
    reserved        INTEGER      NOT NULL DEFAULT 0,
    version         BIGINT       NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT stock_within_bounds CHECK (0 <= reserved AND reserved <= on_hand)
);

CREATE TABLE stock_adjustments (
    id          BIGSERIAL    PRIMARY KEY,
    sku         VARCHAR(64)  NOT NULL REFERENCES products (sku),
    delta       INTEGER      NOT NULL CHECK (delta <> 0),
    reason      VARCHAR(20)  NOT NULL CHECK (reason IN ('RESTOCK', 'SHRINKAGE', 'CORRECTION')),
    note        VARCHAR(500),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX stock_adjustments_sku ON stock_adjustments (sku, id);

CREATE SEQUENCE order_number_seq START WITH 100001;

CREATE TABLE orders (
    id                    UUID         PRIMARY KEY,
    number                BIGINT       NOT NULL UNIQUE,
    customer_id           VARCHAR(100) NOT NULL,
    email                 VARCHAR(254) NOT NULL,
    channel               VARCHAR(50)  NOT NULL,
    status                VARCHAR(30)  NOT NULL CHECK (status IN ('PENDING_PAYMENT', 'CONFIRMED',
                              'PARTIALLY_FULFILLED', 'FULFILLED', 'DELIVERED', 'PARTIALLY_RETURNED',
                              'RETURNED', 'CANCELLED', 'EXPIRED')),
    payment_status        VARCHAR(30)  NOT NULL CHECK (payment_status IN ('PENDING', 'AUTHORIZED',
                              'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED')),
    currency              VARCHAR(3)   NOT NULL,
    total_amount          BIGINT       NOT NULL CHECK (total_amount >= 0),
    ship_name             VARCHAR(200) NOT NULL,
    ship_line1            VARCHAR(200) NOT NULL,
    ship_line2            VARCHAR(200),
    ship_city             VARCHAR(100) NOT NULL,
    ship_postal_code      VARCHAR(20)  NOT NULL,
    ship_country          VARCHAR(2)   NOT NULL,
    reserved_until        TIMESTAMPTZ,
    tracking_token        VARCHAR(64)  NOT NULL UNIQUE,
    cancellation_reason   VARCHAR(20),
    cancellation_note     VARCHAR(500),
    last_event_sequence   INTEGER      NOT NULL DEFAULT 0,
    version               BIGINT       NOT NULL DEFAULT 0,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
-- Keyset pagination walks orders newest first by number, optionally per customer.
CREATE INDEX orders_customer_number ON orders (customer_id, number DESC);
CREATE INDEX orders_status_number ON orders (status, number DESC);
-- The expiry sweeper only looks at holds that can still run out.
CREATE INDEX orders_pending_expiry ON orders (reserved_until) WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_lines (
    id                 UUID         PRIMARY KEY,
    order_id           UUID         NOT NULL REFERENCES orders (id),
    sku                VARCHAR(64)  NOT NULL REFERENCES products (sku),
    name               VARCHAR(200) NOT NULL,
    quantity           INTEGER      NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price_amount  BIGINT       NOT NULL CHECK (unit_price_amount >= 0),
    shipped_quantity   INTEGER      NOT NULL DEFAULT 0,
    returned_quantity  INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT order_lines_one_per_sku UNIQUE (order_id, sku),
    CONSTRAINT order_lines_shipped_within_ordered CHECK (0 <= shipped_quantity AND shipped_quantity <= quantity),
    CONSTRAINT order_lines_returned_within_shipped CHECK (0 <= returned_quantity AND returned_quantity <= shipped_quantity)
);

CREATE TABLE fulfillments (
    id               UUID         PRIMARY KEY,
    order_id         UUID         NOT NULL REFERENCES orders (id),
    carrier          VARCHAR(100) NOT NULL,
    tracking_number  VARCHAR(100) NOT NULL,
    tracking_url     VARCHAR(2000),
    lines            TEXT         NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX fulfillments_order ON fulfillments (order_id);

CREATE TABLE order_returns (
    id           UUID         PRIMARY KEY,
    order_id     UUID         NOT NULL REFERENCES orders (id),
    reason       VARCHAR(500),
    status       VARCHAR(20)  NOT NULL CHECK (status IN ('REQUESTED', 'RECEIVED')),
    restocked    BOOLEAN      NOT NULL DEFAULT false,
    lines        TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ
);
CREATE INDEX order_returns_order ON order_returns (order_id);

-- Payment records; paymentStatus is derived from them, never set by hand.
CREATE TABLE payments (
    id          UUID         PRIMARY KEY,
    order_id    UUID         NOT NULL REFERENCES orders (id),
    kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('AUTHORIZATION', 'CAPTURE', 'VOID', 'REFUND')),
    amount      BIGINT       NOT NULL CHECK (amount >= 0),
    provider    VARCHAR(100),
    reference   VARCHAR(200),
    reason      VARCHAR(500),
    return_id   UUID         REFERENCES order_returns (id),
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);

-- The event log (transactional outbox). Written in the same transaction as the change it records.
CREATE TABLE order_events (
    id              BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id        UUID         NOT NULL REFERENCES orders (id),
    customer_id     VARCHAR(100) NOT NULL,
    sequence        INTEGER      NOT NULL CHECK (sequence >= 1),
    type            VARCHAR(60)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(30)  NOT NULL,
    payment_status  VARCHAR(30)  NOT NULL,
    data            JSONB        NOT NULL,
    published_at    TIMESTAMPTZ,
    CONSTRAINT order_events_sequence_per_order UNIQUE (order_id, sequence)
);
CREATE INDEX order_events_customer ON order_events (customer_id, id);
CREATE INDEX order_events_unpublished ON order_events (id) WHERE published_at IS NULL;

-- Responses to state-changing requests, replayed for a repeated Idempotency-Key.
CREATE TABLE idempotency_keys (
    idempotency_key  VARCHAR(255) PRIMARY KEY,
    fingerprint      VARCHAR(64)  NOT NULL,
    response_body    TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
