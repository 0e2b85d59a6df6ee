-- Order tags (README "Bulk jobs": tag / untag, GET /orders?tag=), and orders imported from other
-- sales channels (POST /orders/imports): the channel's own id of the order, unique per channel so
-- that importing the same file again creates nothing twice, and how the order's stock is kept.
ALTER TABLE orders ADD COLUMN tags TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX orders_tags ON orders USING gin (tags);

ALTER TABLE orders ADD COLUMN external_order_id VARCHAR(100);
CREATE UNIQUE INDEX orders_channel_external_order_id ON orders (channel, external_order_id)
    WHERE external_order_id IS NOT NULL;

-- HELD: placed here, its units held until shipped (every order before imports); TAKEN: imported
-- with the decrement policy, its units already taken off the shelf; UNTRACKED: imported with the
-- ignore policy, the order never touches stock.
ALTER TABLE orders ADD COLUMN stock_mode VARCHAR(10) NOT NULL DEFAULT 'HELD'
    CHECK (stock_mode IN ('HELD', 'TAKEN', 'UNTRACKED'));

ALTER TABLE bulk_jobs DROP CONSTRAINT bulk_jobs_operation_check;
ALTER TABLE bulk_jobs ADD CONSTRAINT bulk_jobs_operation_check
    CHECK (operation IN ('capture', 'fulfill', 'cancel', 'deliver', 'add-public-note', 'tag', 'untag', 'import'));

-- An import job's items are the file's lines: the order is known once the line is imported.
ALTER TABLE bulk_job_items ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE bulk_job_items ADD COLUMN line JSONB;
-- What a succeeded item adds (an import line whose order was imported before: which one).
ALTER TABLE bulk_job_items ADD COLUMN note VARCHAR(200);
