-- pgbench mixed baseline, 20% of iterations (3 requests): place an order (placement.sql's SQL),
-- authorize its payment, ship both lines; each its own transaction, each loading the aggregate as
-- the service does (order and lines, fulfillments, returns, payments) before changing it.
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
BEGIN;
SELECT o.*, l.* FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.id = :order_id;
SELECT * FROM fulfillments WHERE order_id = :order_id ORDER BY created_at, id;
SELECT * FROM order_returns WHERE order_id = :order_id ORDER BY created_at, id;
SELECT * FROM payments WHERE order_id = :order_id ORDER BY created_at, id;
INSERT INTO payments (id, order_id, kind, amount, provider, reference, created_at)
VALUES (bench_uuid_v7(), :order_id, 'AUTHORIZATION', 2000, 'bench', 'auth-' || :order_id, now());
UPDATE orders SET status = 'CONFIRMED', payment_status = 'AUTHORIZED', reserved_until = NULL,
                  last_event_sequence = 3, version = version + 1, updated_at = now()
 WHERE id = :order_id AND version = 0;
INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
VALUES (:order_id, 'pgbench-' || :client_id, 2, 'order.payment_authorized', now(), 'PENDING_PAYMENT', 'AUTHORIZED',
        '{"kind":"AUTHORIZATION","amount":{"amount":2000,"currency":"EUR"}}'),
       (:order_id, 'pgbench-' || :client_id, 3, 'order.confirmed', now(), 'CONFIRMED', 'AUTHORIZED', '{}');
COMMIT;
BEGIN;
SELECT o.*, l.* FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.id = :order_id;
SELECT * FROM fulfillments WHERE order_id = :order_id ORDER BY created_at, id;
SELECT * FROM order_returns WHERE order_id = :order_id ORDER BY created_at, id;
SELECT * FROM payments WHERE order_id = :order_id ORDER BY created_at, id;
UPDATE products SET on_hand = on_hand - 1, reserved = reserved - 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:lo::text, 5, '0') AND reserved >= 1;
UPDATE products SET on_hand = on_hand - 1, reserved = reserved - 1, version = version + 1, updated_at = now()
 WHERE sku = 'SKU-' || lpad(:hi::text, 5, '0') AND reserved >= 1;
INSERT INTO fulfillments (id, order_id, carrier, tracking_number, lines, created_at)
VALUES (bench_uuid_v7(), :order_id, 'DHL', 'T-' || :order_id, 'x:1,y:1', now());
UPDATE order_lines SET shipped_quantity = 1 WHERE order_id = :order_id;
UPDATE orders SET status = 'FULFILLED', last_event_sequence = 5, version = version + 1, updated_at = now()
 WHERE id = :order_id AND version = 1;
INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
VALUES (:order_id, 'pgbench-' || :client_id, 4, 'order.fulfillment_created', now(), 'FULFILLED', 'AUTHORIZED',
        '{"carrier":"DHL","lines":[{"sku":"x","quantity":1},{"sku":"y","quantity":1}]}'),
       (:order_id, 'pgbench-' || :client_id, 5, 'order.fulfilled', now(), 'FULFILLED', 'AUTHORIZED', '{}');
COMMIT;
