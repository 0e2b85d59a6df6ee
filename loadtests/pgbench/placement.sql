-- pgbench baseline: the SQL work of one placement, statement by statement as the service does it:
-- read the two products' prices, hold both SKUs in SKU order with a conditional UPDATE, take an
-- order number, insert the order, its 2 lines and its 1 event (pgbench has no relay; the service's
-- relay moves one position row per batch). Over the 10,000 seeded SKUs SKU-00001..SKU-10000.
\set a random(1, 10000)
\set d random(1, 9999)
\set b 1 + (:a + :d - 1) % 10000
\set lo least(:a, :b)
\set hi greatest(:a, :b)
BEGIN;
SELECT sku, name, price_amount, price_currency FROM products
 WHERE sku IN ('SKU-' || lpad(:lo::text, 5, '0'), 'SKU-' || lpad(:hi::text, 5, '0'));
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:lo::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:hi::text, 5, '0') AND on_hand - reserved >= 1;
INSERT INTO orders (id, number, customer_id, email, channel, status, payment_status, currency, total_amount,
                    ship_name, ship_line1, ship_city, ship_postal_code, ship_country, reserved_until,
                    tracking_token, last_event_sequence, version, created_at, updated_at)
VALUES (bench_uuid_v7(), nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web',
        'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB',
        now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now())
RETURNING id AS order_id \gset
INSERT INTO order_lines (id, order_id, sku, name, quantity, unit_price_amount)
VALUES (bench_uuid_v7(), :order_id, 'SKU-' || lpad(:lo::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :order_id, 'SKU-' || lpad(:hi::text, 5, '0'), 'Bench product', 1, 1000);
INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
VALUES (:order_id, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING',
        '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}');
COMMIT;
