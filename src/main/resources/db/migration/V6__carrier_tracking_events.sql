-- Carrier tracking events (see README "Carrier tracking events"): every scan a shipping tool or
-- carrier aggregator pushes, once per (source, external_event_id), and on each shipment what the
-- scans made of it: its current carrier status and its delivery estimate, the first and the current.

ALTER TABLE fulfillments
    ADD COLUMN shipment_status             VARCHAR(30) CHECK (shipment_status IN ('IN_TRANSIT', 'OUT_FOR_DELIVERY',
                                               'DELIVERY_ATTEMPTED', 'EXCEPTION', 'DELIVERED', 'RETURNED_TO_SENDER')),
    -- when the scan that set shipment_status happened: older scans arriving later do not override it
    ADD COLUMN last_scan_at                TIMESTAMPTZ,
    ADD COLUMN first_estimated_delivery_at TIMESTAMPTZ,
    ADD COLUMN estimated_delivery_at       TIMESTAMPTZ;

CREATE TABLE tracking_events (
    id                     UUID          PRIMARY KEY,
    order_id               UUID          NOT NULL REFERENCES orders (id),
    fulfillment_id         UUID          NOT NULL REFERENCES fulfillments (id),
    source                 VARCHAR(100)  NOT NULL,
    external_event_id      VARCHAR(200)  NOT NULL,
    status                 VARCHAR(30)   NOT NULL CHECK (status IN ('IN_TRANSIT', 'OUT_FOR_DELIVERY',
                               'DELIVERY_ATTEMPTED', 'EXCEPTION', 'DELIVERED', 'RETURNED_TO_SENDER')),
    sub_status             VARCHAR(100),
    happened_at            TIMESTAMPTZ   NOT NULL,
    city                   VARCHAR(100),
    region                 VARCHAR(100),
    country                VARCHAR(100),
    message                VARCHAR(1000),
    estimated_delivery_at  TIMESTAMPTZ,
    received_at            TIMESTAMPTZ   NOT NULL,
    -- a carrier's retry of the same scan is the same scan
    CONSTRAINT tracking_events_once UNIQUE (source, external_event_id)
);
-- A shipment's scans are read in the order they happened, not the order they arrived.
CREATE INDEX tracking_events_fulfillment ON tracking_events (fulfillment_id, happened_at, id);

-- What happened to a webhook endpoint itself: disabled by the circuit breaker, a 410 or the API,
-- and enabled again. Written in the statement that changes the endpoint.
CREATE TABLE webhook_endpoint_events (
    id           BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id  UUID          NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    type         VARCHAR(60)   NOT NULL CHECK (type IN ('webhook_endpoint.disabled', 'webhook_endpoint.enabled')),
    reason       VARCHAR(200),
    occurred_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_endpoint_events_endpoint ON webhook_endpoint_events (endpoint_id, id);

-- shipments delivered before scans existed
UPDATE fulfillments SET shipment_status = 'DELIVERED' WHERE delivered_at IS NOT NULL;
