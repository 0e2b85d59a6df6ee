-- Merchant webhooks (see README "Webhooks"): endpoints, one delivery per endpoint and event, every
-- attempt of it, and the position in the event log up to which deliveries were created.

CREATE TABLE webhook_endpoints (
    id                    UUID          PRIMARY KEY,
    url                   VARCHAR(2048) NOT NULL,
    events                TEXT[]        NOT NULL,
    description           VARCHAR(500),
    enabled               BOOLEAN       NOT NULL,
    disabled_reason       VARCHAR(200),
    disabled_at           TIMESTAMPTZ,
    consecutive_failures  INTEGER       NOT NULL DEFAULT 0,
    failing_since         TIMESTAMPTZ,
    secret                VARCHAR(100)  NOT NULL,
    previous_secret       VARCHAR(100),
    previous_secret_until TIMESTAMPTZ,
    -- the log's position when it was registered: it gets the events after it
    start_txid            xid8          NOT NULL,
    start_event_id        BIGINT        NOT NULL,
    created_at            TIMESTAMPTZ   NOT NULL,
    updated_at            TIMESTAMPTZ   NOT NULL
);

-- One event to send to one endpoint. Sent per (endpoint, order) strictly in sequence order: a
-- delivery is due only when no earlier one of its order to its endpoint is still pending.
CREATE TABLE webhook_deliveries (
    id               BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id      UUID         NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         BIGINT       NOT NULL,
    order_id         UUID         NOT NULL,
    sequence         INTEGER      NOT NULL,
    type             VARCHAR(60)  NOT NULL,
    status           VARCHAR(20)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    claimed_until    TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    completed_at     TIMESTAMPTZ
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_per_order ON webhook_deliveries (endpoint_id, order_id, sequence)
    WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id);

-- What each attempt got back: the delivery log merchants read.
CREATE TABLE webhook_attempts (
    delivery_id      BIGINT       NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt          INTEGER      NOT NULL,
    attempted_at     TIMESTAMPTZ  NOT NULL,
    status_code      INTEGER,
    latency_ms       INTEGER      NOT NULL,
    error            VARCHAR(500),
    response_excerpt VARCHAR(2048),
    PRIMARY KEY (delivery_id, attempt)
);

-- Where in the log deliveries have been created up to (one row; NULL: start at the log's head).
CREATE TABLE webhook_fanout (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    txid   xid8,
    event_id BIGINT
);
INSERT INTO webhook_fanout (id) VALUES (1);
