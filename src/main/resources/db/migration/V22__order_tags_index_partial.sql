-- The tags index held every order, untagged ones too: a GIN index keeps an entry for an empty array,
-- so every placement added one through the index's pending list, taking its metapage's exclusive
-- lock and writing a WAL record of its own (loadtests/bench 2026-12-04: one Gin/UPDATE_META_PAGE
-- record per placed order, 3% of the WAL a placement writes). Only tagged orders are ever looked up
-- by tag (GET /orders?tag=, a bulk job's filter), and those queries say cardinality(tags) > 0, so
-- the index holds only them and a placement no longer touches it.
DROP INDEX orders_tags;
CREATE INDEX orders_tags ON orders USING gin (tags) WHERE cardinality(tags) > 0;
