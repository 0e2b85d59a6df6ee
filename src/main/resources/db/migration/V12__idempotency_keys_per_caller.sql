-- Idempotency keys are scoped by who sent them and what for: the caller (its role and token
-- subject) and the operation (method and path). The same key from two callers, or from one caller
-- for two operations, is two independent requests; one caller's key is never replayed to, nor
-- refused for, another.
-- Keys stored before this have no caller: they keep the empty scope and are still replayed to a
-- request with the same key, operation and body (which is what they matched before) until the
-- sweeper forgets them; they never refuse a request.
ALTER TABLE idempotency_keys ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (scope, idempotency_key);
ALTER TABLE idempotency_keys ALTER COLUMN scope DROP DEFAULT;
