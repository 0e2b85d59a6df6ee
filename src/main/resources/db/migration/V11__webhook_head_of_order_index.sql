-- The head of an order's pending deliveries to an endpoint (claimDue: ORDER BY sequence, id LIMIT 1)
-- is now looked up by the order alone, the endpoint filtered among its few deliveries, and comes off
-- this index in the order asked for. The old index led with endpoint_id, which the due-time index
-- leads with too: without statistics (a table that grew from nothing since its last ANALYZE) the
-- planner took that one and read the endpoint's whole backlog for every candidate, about 20,000
-- rows a probe in the benchmark.
CREATE INDEX webhook_deliveries_head_of_order ON webhook_deliveries (order_id, sequence, id)
    WHERE status = 'PENDING';
DROP INDEX webhook_deliveries_per_order;
