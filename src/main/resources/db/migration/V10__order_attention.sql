-- Merchant alerts (see README "Orders that need attention"): when an order was confirmed (the
-- "confirmed but not shipped" rule counts from it) and which alert rules it is flagged by now.

ALTER TABLE orders ADD COLUMN confirmed_at TIMESTAMPTZ,
                   -- the rules that fired and have not cleared, comma-separated (NULL: none)
                   ADD COLUMN attention VARCHAR(200);
UPDATE orders o SET confirmed_at = e.occurred_at
FROM order_events e WHERE e.order_id = o.id AND e.type = 'order.confirmed';

-- The sweep reads only candidates: confirmed orders waiting to ship, by when they were confirmed,
CREATE INDEX orders_confirmed_unshipped ON orders (confirmed_at) WHERE status = 'CONFIRMED';
-- and shipments still on their way.
CREATE INDEX fulfillments_in_flight ON fulfillments (order_id) WHERE delivered_at IS NULL;
-- The work queue: orders that need attention now, newest first.
CREATE INDEX orders_attention_number ON orders (number DESC) WHERE attention IS NOT NULL;
