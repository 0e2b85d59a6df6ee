-- Keep every order's events in sequence order in the stream, whatever order their transactions
-- were given ids in.
--
-- A transaction gets its id at its first write, which may come before it reads the order it then
-- changes (the Idempotency-Key claim is written first). So the transaction writing an order's event
-- n+1 can hold a smaller id than the one that wrote event n and committed before it: in (txid, id)
-- order, and among settled events, n+1 could then come first. The stream position of an event is
-- therefore the larger of its own transaction id and its predecessor's position, which keeps
-- positions increasing along each order while every reader guarantee of V2 still holds (the
-- position is never smaller than the transaction's own id, so an event is settled only once its
-- transaction is).
CREATE FUNCTION order_events_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.txid := GREATEST(pg_current_xact_id(),
                         (SELECT txid FROM order_events
                          WHERE order_id = NEW.order_id
                          ORDER BY txid DESC, id DESC
                          LIMIT 1));
    RETURN NEW;
END
$$;

CREATE TRIGGER order_events_position
    BEFORE INSERT ON order_events
    FOR EACH ROW EXECUTE FUNCTION order_events_position();

-- The relay reads unpublished events in id order (see OutboxRelay).
DROP INDEX order_events_unpublished;
CREATE INDEX order_events_unpublished ON order_events (id) WHERE published_at IS NULL;
