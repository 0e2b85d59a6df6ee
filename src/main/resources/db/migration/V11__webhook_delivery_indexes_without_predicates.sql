-- The claim's indexes cover every delivery, pending or not, instead of only the pending ones.
--
-- The planner sizes a partial index by what it held at the last VACUUM or ANALYZE. A delivery queue
-- is often drained right then (or, freshly created, never analyzed at all), so the planner took the
-- pending-only indexes for empty and read them whole where it should have probed them: claiming ten
-- deliveries out of a 30,000 backlog took 100-200 ms instead of 1 ms (README "Results", issue 13).
-- Indexes over all rows are sized by the table, which nobody mistakes for empty; status is a key
-- column instead, so the pending deliveries still lie together.
--
-- webhook_deliveries_head_of_order: the head of an order's pending deliveries (ORDER BY sequence,
-- id LIMIT 1) is found by the order alone, the endpoint filtered among its few deliveries, so no
-- other index offers the planner a cheaper-looking way in.
CREATE INDEX webhook_deliveries_due_by_endpoint ON webhook_deliveries (endpoint_id, status, next_attempt_at, id);
CREATE INDEX webhook_deliveries_head_of_order ON webhook_deliveries (order_id, status, sequence, id);
DROP INDEX webhook_deliveries_due_per_endpoint;
DROP INDEX webhook_deliveries_per_order;
