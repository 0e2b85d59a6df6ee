-- The stream position trigger of V3, without its full scan.
--
-- V3 looked up the order's previous event with ORDER BY txid DESC, id DESC; the planner served
-- that from the (txid, id) index scanned backwards, filtering on order_id, which for an order with
-- no events yet (every placement) reads the whole index: each insert cost grew with the table.
-- The first event of an order has no predecessor, so it takes its own transaction id at once; any
-- later one is found through the (order_id, txid, id) index, which the ORDER BY now names in full.
CREATE OR REPLACE FUNCTION order_events_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sequence = 1 THEN
        NEW.txid := pg_current_xact_id();
    ELSE
        NEW.txid := GREATEST(pg_current_xact_id(),
                             (SELECT txid FROM order_events
                              WHERE order_id = NEW.order_id
                              ORDER BY order_id DESC, txid DESC, id DESC
                              LIMIT 1));
    END IF;
    RETURN NEW;
END
$$;
