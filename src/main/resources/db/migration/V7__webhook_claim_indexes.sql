-- Claiming due webhook deliveries looks at each endpoint on its own: its pending deliveries in the
-- order they are due, and how many of them are claimed (in flight) right now. Both stay cheap with
-- a backlog of any size.
CREATE INDEX webhook_deliveries_due_per_endpoint ON webhook_deliveries (endpoint_id, next_attempt_at, id)
    WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_in_flight ON webhook_deliveries (endpoint_id)
    WHERE status = 'PENDING' AND claimed_until IS NOT NULL;
-- which makes the index on due time alone redundant: one index fewer to keep up on every change of a delivery
DROP INDEX webhook_deliveries_due;
