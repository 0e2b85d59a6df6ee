-- pgbench: the database-side limit of placement. The SQL work of 10 placements (the placement.sql
-- work: 2 SKUs held, order, 2 lines, 1 event each) in one transaction, as group commit does it:
-- one read of the 20 products, one conditional UPDATE per SKU in SKU order (20 distinct SKUs,
-- ascending by construction), and multi-row inserts for the orders, lines and events. Compare the
-- service's placements/s with 10 x this script's tps.
\set a1 random(1, 500)
\set a2 :a1 + random(1, 499)
\set a3 :a2 + random(1, 499)
\set a4 :a3 + random(1, 499)
\set a5 :a4 + random(1, 499)
\set a6 :a5 + random(1, 499)
\set a7 :a6 + random(1, 499)
\set a8 :a7 + random(1, 499)
\set a9 :a8 + random(1, 499)
\set a10 :a9 + random(1, 499)
\set a11 :a10 + random(1, 499)
\set a12 :a11 + random(1, 499)
\set a13 :a12 + random(1, 499)
\set a14 :a13 + random(1, 499)
\set a15 :a14 + random(1, 499)
\set a16 :a15 + random(1, 499)
\set a17 :a16 + random(1, 499)
\set a18 :a17 + random(1, 499)
\set a19 :a18 + random(1, 499)
\set a20 :a19 + random(1, 499)
BEGIN;
SELECT sku, name, price_amount, price_currency, on_hand - reserved AS available FROM products
 WHERE sku = ANY(ARRAY['SKU-' || lpad(:a1::text, 5, '0'), 'SKU-' || lpad(:a2::text, 5, '0'), 'SKU-' || lpad(:a3::text, 5, '0'), 'SKU-' || lpad(:a4::text, 5, '0'), 'SKU-' || lpad(:a5::text, 5, '0'), 'SKU-' || lpad(:a6::text, 5, '0'), 'SKU-' || lpad(:a7::text, 5, '0'), 'SKU-' || lpad(:a8::text, 5, '0'), 'SKU-' || lpad(:a9::text, 5, '0'), 'SKU-' || lpad(:a10::text, 5, '0'), 'SKU-' || lpad(:a11::text, 5, '0'), 'SKU-' || lpad(:a12::text, 5, '0'), 'SKU-' || lpad(:a13::text, 5, '0'), 'SKU-' || lpad(:a14::text, 5, '0'), 'SKU-' || lpad(:a15::text, 5, '0'), 'SKU-' || lpad(:a16::text, 5, '0'), 'SKU-' || lpad(:a17::text, 5, '0'), 'SKU-' || lpad(:a18::text, 5, '0'), 'SKU-' || lpad(:a19::text, 5, '0'), 'SKU-' || lpad(:a20::text, 5, '0')]);
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a1::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a2::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a3::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a4::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a5::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a6::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a7::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a8::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a9::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a10::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a11::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a12::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a13::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a14::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a15::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a16::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a17::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a18::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a19::text, 5, '0') AND on_hand - reserved >= 1;
UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:a20::text, 5, '0') AND on_hand - reserved >= 1;
SELECT bench_uuid_v7() AS o1, bench_uuid_v7() AS o2, bench_uuid_v7() AS o3, bench_uuid_v7() AS o4, bench_uuid_v7() AS o5, bench_uuid_v7() AS o6, bench_uuid_v7() AS o7, bench_uuid_v7() AS o8, bench_uuid_v7() AS o9, bench_uuid_v7() AS o10 \gset
INSERT INTO orders (id, number, customer_id, email, channel, status, payment_status, currency, total_amount,
                    ship_name, ship_line1, ship_city, ship_postal_code, ship_country, reserved_until,
                    tracking_token, last_event_sequence, version, created_at, updated_at)
VALUES (:o1, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o2, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o3, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o4, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o5, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o6, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o7, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o8, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o9, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now()),
       (:o10, nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web', 'PENDING_PAYMENT', 'PENDING', 'EUR', 2000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB', now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now());
INSERT INTO order_lines (id, order_id, sku, name, quantity, unit_price_amount)
VALUES (bench_uuid_v7(), :o1, 'SKU-' || lpad(:a1::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o1, 'SKU-' || lpad(:a2::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o2, 'SKU-' || lpad(:a3::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o2, 'SKU-' || lpad(:a4::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o3, 'SKU-' || lpad(:a5::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o3, 'SKU-' || lpad(:a6::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o4, 'SKU-' || lpad(:a7::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o4, 'SKU-' || lpad(:a8::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o5, 'SKU-' || lpad(:a9::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o5, 'SKU-' || lpad(:a10::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o6, 'SKU-' || lpad(:a11::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o6, 'SKU-' || lpad(:a12::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o7, 'SKU-' || lpad(:a13::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o7, 'SKU-' || lpad(:a14::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o8, 'SKU-' || lpad(:a15::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o8, 'SKU-' || lpad(:a16::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o9, 'SKU-' || lpad(:a17::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o9, 'SKU-' || lpad(:a18::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o10, 'SKU-' || lpad(:a19::text, 5, '0'), 'Bench product', 1, 1000),
       (bench_uuid_v7(), :o10, 'SKU-' || lpad(:a20::text, 5, '0'), 'Bench product', 1, 1000);
INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
VALUES (:o1, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o2, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o3, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o4, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o5, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o6, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o7, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o8, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o9, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}'),
       (:o10, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING', '{"lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}],"total":{"amount":2000,"currency":"EUR"}}');
COMMIT;
