-- Bulk order management (README "Bulk jobs"): a job is one operation over a fixed set of orders,
-- worked in bounded batches off the request path by whichever instance holds its lease, with a
-- result per order. Each order goes through the same verb as the single-order endpoint.
CREATE TABLE bulk_jobs (
    id               UUID          PRIMARY KEY,
    operation        VARCHAR(30)   NOT NULL CHECK (operation IN ('capture', 'fulfill', 'cancel', 'deliver',
                                                                 'add-public-note')),
    selector         JSONB         NOT NULL,
    params           JSONB         NOT NULL,
    error_policy     VARCHAR(10)   NOT NULL CHECK (error_policy IN ('continue', 'stop')),
    dry_run          BOOLEAN       NOT NULL,
    state            VARCHAR(30)   NOT NULL CHECK (state IN ('queued', 'running', 'succeeded',
                                                             'completed_with_errors', 'failed', 'cancelled')),
    total            INTEGER       NOT NULL DEFAULT 0,
    succeeded        INTEGER       NOT NULL DEFAULT 0,
    failed           INTEGER       NOT NULL DEFAULT 0,
    skipped          INTEGER       NOT NULL DEFAULT 0,
    cancel_requested BOOLEAN       NOT NULL DEFAULT false,
    failure          VARCHAR(500),
    created_by       VARCHAR(200)  NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    -- the instance working it, until when: another takes over a job whose lease ran out (a crash)
    leased_by        VARCHAR(64),
    leased_until     TIMESTAMPTZ
);
CREATE INDEX bulk_jobs_open ON bulk_jobs (created_at) WHERE state IN ('queued', 'running');

-- The job's orders, fixed when it starts, in the order they are worked; a result each.
CREATE TABLE bulk_job_items (
    job_id       UUID          NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
    position     INTEGER       NOT NULL,
    order_id     UUID          NOT NULL,
    state        VARCHAR(10)   NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'skipped')),
    problem      JSONB,
    finished_at  TIMESTAMPTZ,
    PRIMARY KEY (job_id, position)
);
CREATE INDEX bulk_job_items_pending ON bulk_job_items (job_id, position) WHERE state = 'pending';
