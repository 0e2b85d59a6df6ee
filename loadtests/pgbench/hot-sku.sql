-- pgbench baseline, hot-SKU variant: every order holds the same SKU, :sku (pgbench -D sku=...): HOT-1
-- (stock enough never to sell out: the hot-row rate) or FLASH-1 (limited stock: the sell-out).
-- The hold is one conditional UPDATE; only when it took a unit are the order, its line and its
-- event written, so once the SKU is sold out a transaction is the failed UPDATE alone, as a 409 is
-- in the service.
BEGIN;
SELECT sku, name, price_amount, price_currency FROM products WHERE sku = :sku;
WITH held AS (
    UPDATE products SET reserved = reserved + 1, version = version + 1, updated_at = now()
     WHERE sku = :sku AND on_hand - reserved >= 1
    RETURNING sku)
SELECT count(*) AS held FROM held \gset
\if :held
INSERT INTO orders (id, number, customer_id, email, channel, status, payment_status, currency, total_amount,
                    ship_name, ship_line1, ship_city, ship_postal_code, ship_country, reserved_until,
                    tracking_token, last_event_sequence, version, created_at, updated_at)
VALUES (bench_uuid_v7(), nextval('order_number_seq'), 'pgbench-' || :client_id, 'bench@example.com', 'web',
        'PENDING_PAYMENT', 'PENDING', 'EUR', 1000, 'Ada Lovelace', '1 Analytical Way', 'London', 'N1 9GU', 'GB',
        now() + interval '15 minutes', md5(random()::text || clock_timestamp()::text), 1, 0, now(), now())
RETURNING id AS order_id \gset
INSERT INTO order_lines (id, order_id, sku, name, quantity, unit_price_amount)
VALUES (bench_uuid_v7(), :order_id, :sku, 'Flash product', 1, 1000);
INSERT INTO order_events (order_id, customer_id, sequence, type, occurred_at, status, payment_status, data)
VALUES (:order_id, 'pgbench-' || :client_id, 1, 'order.placed', now(), 'PENDING_PAYMENT', 'PENDING',
        '{"lines":[{"sku":"hot","quantity":1}],"total":{"amount":1000,"currency":"EUR"}}');
\endif
COMMIT;
