-- The relay keeps a position in the stream, as the log's other readers do, instead of marking each
-- event published. Marking was an UPDATE of every event, a new version of its row (not HOT: the
-- partial index order_events_unpublished named the column) with an entry in each of the table's
-- indexes, and a dead row left behind: 5 of the 21 B-tree inserts of a placement (a profile by hand,
-- README "On a slower machine"). Now the relay reads the settled events after its position in
-- stream order, publishes them with confirms and moves the one row below forward.
--
-- Events already published in id order but lying after the first unpublished one in stream order
-- are published once more after this migration (consumers deduplicate on message_id). During a
-- rolling upgrade an old instance's relay fails (its column is gone) and publishes nothing; once it
-- stops, its advisory lock is released and a new instance's relay takes over from here.
CREATE TABLE outbox_relay (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    txid     xid8   NOT NULL,
    event_id BIGINT NOT NULL
);

INSERT INTO outbox_relay (id, txid, event_id)
SELECT 1, COALESCE(first_unpublished.txid, head.txid, '0'::xid8), COALESCE(first_unpublished.id - 1, head.id, 0)
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT txid, id FROM order_events WHERE published_at IS NULL ORDER BY txid, id LIMIT 1)
    AS first_unpublished ON true
LEFT JOIN LATERAL (SELECT txid, id FROM order_events ORDER BY txid DESC, id DESC LIMIT 1) AS head ON true;

DROP INDEX order_events_unpublished;
ALTER TABLE order_events DROP COLUMN published_at;
