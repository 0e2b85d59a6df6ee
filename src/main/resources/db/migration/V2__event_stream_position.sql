-- Where an event stands in the stream that the relay and the SSE streams follow.
--
-- Identity ids are handed out when a transaction inserts, not when it commits, so a reader that
-- followed ids alone could pass over an event whose transaction commits late. Each event records the
-- id of the transaction that wrote it; readers only take events whose transaction is older than every
-- transaction still running (pg_snapshot_xmin), in (txid, id) order. That order never has a late
-- arrival, and it equals id order for the events of any one order.
ALTER TABLE order_events ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX order_events_stream ON order_events (txid, id);
CREATE INDEX order_events_order_stream ON order_events (order_id, txid, id);
DROP INDEX order_events_unpublished;
CREATE INDEX order_events_unpublished ON order_events (txid, id) WHERE published_at IS NULL;
