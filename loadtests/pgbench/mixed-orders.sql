-- pgbench mixed baseline, 40% of iterations (2 requests): a page of the 20 newest orders with their
-- lines (GET /orders?limit=20: the page's ids, then the orders and lines), then the newest order as
-- GET /orders/{id} loads it (the order with its lines, its fulfillments, returns and payments).
SELECT id FROM orders ORDER BY number DESC LIMIT 21;
SELECT o.*, l.* FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
 WHERE o.id IN (SELECT id FROM orders ORDER BY number DESC LIMIT 21) ORDER BY o.number DESC;
SELECT COALESCE((SELECT id FROM orders ORDER BY number DESC LIMIT 1), '00000000-0000-0000-0000-000000000000') AS recent \gset
SELECT o.*, l.* FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.id = :recent;
SELECT * FROM fulfillments WHERE order_id = :recent ORDER BY created_at, id;
SELECT * FROM order_returns WHERE order_id = :recent ORDER BY created_at, id;
SELECT * FROM payments WHERE order_id = :recent ORDER BY created_at, id;
