-- pgbench mixed baseline, 40% of iterations (1 request): read one product, as GET /products/{sku}.
-- Run with mixed-orders.sql@4 and mixed-write.sql@2 (loadtests/bench): the same 80/20 mix of reads
-- and writes, and the same SQL, as the service's mixed scenario.
\set a random(1, 10000)
SELECT sku, name, price_amount, price_currency, on_hand, reserved, version, created_at, updated_at
  FROM products WHERE sku = 'SKU-' || lpad(:a::text, 5, '0');
