-- The benchmark's catalog: 10,000 SKUs with plenty of stock, the hot SKU HOT-1 with stock enough
-- never to sell out within a run, and the sell-out SKU FLASH-1 with :flash_stock units. Run with psql -v flash_stock=N against the benchmark schema (search_path set by the caller).
TRUNCATE order_events, order_lines, tracking_events, fulfillments, order_returns, payments,
         orders, stock_adjustments, idempotency_keys, products CASCADE;
-- the analytics counted the orders just removed (the startup measurement places some): from scratch
TRUNCATE analytics_daily_sales, analytics_lead_times, analytics_order_milestones, analytics_daily_post_sale,
         analytics_daily_delivery, analytics_shipments;
UPDATE analytics_projection SET txid = NULL, event_id = NULL;
-- The pgbench scripts' keys for orders and the rows of their aggregate: time-ordered (UUID version 7),
-- as the service makes them (TimeOrderedIds), so that the baseline does the same index work.
-- PostgreSQL 15 has no uuidv7(): the Unix milliseconds over the first 6 bytes of a random UUID, and
-- its version bits from 4 (0100) to 7 (0111).
CREATE OR REPLACE FUNCTION bench_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
               PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
           52, 1), 53, 1), 'hex')::uuid
$$;
INSERT INTO products (sku, name, price_amount, price_currency, on_hand, reserved)
SELECT 'SKU-' || lpad(g::text, 5, '0'), 'Bench product ' || g, 1000, 'EUR', 1000000, 0
FROM generate_series(1, 10000) AS g;
INSERT INTO products (sku, name, price_amount, price_currency, on_hand, reserved)
VALUES ('FLASH-1', 'Flash product', 1000, 'EUR', :flash_stock, 0),
       ('HOT-1', 'Hot product', 1000, 'EUR', 1000000000, 0);
-- Statistics for the catalog only. Analyzing the order tables while they are empty would tell the
-- planner they stay tiny: the foreign-key checks and triggers that every insert runs plan once per
-- connection, and on "empty" tables they plan sequential scans, which then read the whole table on
-- every insert as it grows (seen: 3.9 billion rows read from orders in one run, placement
-- throughput falling to a tenth). Never analyzed, they are planned with the index.
ANALYZE products;
