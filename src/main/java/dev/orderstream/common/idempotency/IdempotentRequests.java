package dev.orderstream.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.common.problem.UnprocessableProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes a state-changing request safe to retry. Runs inside the caller's transaction: the key is
 * claimed in its scope (caller and operation) with an insert that waits on any concurrent claim of
 * the same key there, so two concurrent requests with one key do the work once; the second replays
 * the first's stored response. Only successful responses are stored: a refused request (409, 422)
 * is not, so its retry runs again.
 *
 * <p>Keys stored before keys had scopes (V12) are in the empty scope: a request whose key and
 * fingerprint (operation and body) match one with a response gets that response again, as it would
 * have before; they never refuse a request, and the sweeper forgets them in time.
 */
@ApplicationScoped
public class IdempotentRequests {

    /**
     * A key's claim: a row in its scope, unless an unscoped key from before V12 has its fingerprint and
     * a response (then that is replayed). Inserts nothing for a key its scope holds already.
     */
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, created_at)
            SELECT k.scope, k.key, k.fingerprint, now()
            FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(scope, key, fingerprint, i)
            WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys u
                              WHERE u.scope = '' AND u.idempotency_key = k.key AND u.fingerprint = k.fingerprint
                                AND u.response_body IS NOT NULL)
            ORDER BY k.i
            ON CONFLICT (scope, idempotency_key) DO NOTHING
            RETURNING scope, idempotency_key""";

    /** What a key used before got: in its scope, else an unscoped key with the same fingerprint. */
    private static final String STORED = """
            SELECT DISTINCT ON (u.scope, u.key) u.scope, u.key, k.fingerprint, k.response_body
            FROM unnest($1::text[], $2::text[], $3::text[]) AS u(scope, key, fingerprint)
            JOIN idempotency_keys k ON k.idempotency_key = u.key
                                   AND (k.scope = u.scope OR k.scope = '' AND k.fingerprint = u.fingerprint)
            ORDER BY u.scope, u.key, k.scope DESC""";

    private final ObjectMapper json;

    public IdempotentRequests(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Does the work once per key, in the caller's transaction: the first request with {@code key} does
     * it and its response is stored with the key; a later one in the same scope with the same
     * fingerprint gets that response again without the work, one with another fingerprint is refused
     * (422). Without a key the work is just done.
     */
    public <T> Uni<T> once(IdempotencyKey key, Class<T> responseType, Supplier<Uni<T>> work) {
        if (key == null) {
            return work.get();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, created_at)
                                SELECT :scope, :key, :fingerprint, now()
                                WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys u
                                                  WHERE u.scope = '' AND u.idempotency_key = :key
                                                    AND u.fingerprint = :fingerprint AND u.response_body IS NOT NULL)
                                ON CONFLICT (scope, idempotency_key) DO NOTHING""")
                        .setParameter("scope", key.scope())
                        .setParameter("key", key.value())
                        .setParameter("fingerprint", key.fingerprint())
                        .executeUpdate())
                .chain(claimed -> claimed == 1
                        ? work.get().call(response -> store(key, response))
                        : replay(key, responseType));
    }

    private Uni<Integer> store(IdempotencyKey key, Object response) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                UPDATE idempotency_keys SET response_body = :body
                                WHERE scope = :scope AND idempotency_key = :key""")
                        .setParameter("body", write(response))
                        .setParameter("scope", key.scope())
                        .setParameter("key", key.value())
                        .executeUpdate());
    }

    private <T> Uni<T> replay(IdempotencyKey key, Class<T> responseType) {
        return Panache.getSession()
                .chain(session -> session.<Object[]>createNativeQuery("""
                                SELECT fingerprint, response_body FROM idempotency_keys
                                WHERE idempotency_key = :key
                                  AND (scope = :scope OR scope = '' AND fingerprint = :fingerprint)
                                ORDER BY scope DESC LIMIT 1""")
                        .setParameter("scope", key.scope())
                        .setParameter("key", key.value())
                        .setParameter("fingerprint", key.fingerprint())
                        .getSingleResult())
                .map(row -> replay(key, new Stored((String) row[0], (String) row[1]), responseType));
    }

    /** Deletes keys older than the retention; the sweeper calls this inside its own transaction. */
    public Uni<Integer> forgetOlderThan(java.time.Duration retention) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => :seconds)")
                        .setParameter("seconds", (double) retention.toSeconds())
                        .executeUpdate());
    }

    private String write(Object response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store response", e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot replay stored response", e);
        }
    }

    // ---------------------------------------------------------------- group-committed placement

    /** A key's first request as stored: its fingerprint and, once it committed, its response. */
    public record Stored(String fingerprint, String responseBody) {
    }

    /**
     * Claims a batch's keys on its connection, in key order (so two batches never wait on each
     * other's keys in a cycle). Like {@link #once}, a key another transaction is claiming right now
     * waits for it. Returns the keys claimed, whose work is to be done; the others were used before
     * (in their scope, or as an unscoped key from before V12 with the same fingerprint) and are replayed.
     */
    public Uni<Set<IdempotencyKey.Id>> claimAll(SqlConnection connection, Map<IdempotencyKey.Id, String> fingerprintById) {
        if (fingerprintById.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Map.Entry<IdempotencyKey.Id, String>> sorted = fingerprintById.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(IdempotencyKey.Id::scope)
                        .thenComparing(IdempotencyKey.Id::value)))
                .toList();
        return connection.preparedQuery(CLAIM)
                .execute(arrays(sorted))
                .map(rows -> {
                    Set<IdempotencyKey.Id> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(new IdempotencyKey.Id(row.getString(0), row.getString(1))));
                    return claimed;
                });
    }

    /** What was stored for keys used before (with their fingerprints, which an unscoped key must match). */
    public Uni<Map<IdempotencyKey.Id, Stored>> storedAll(SqlConnection connection, Map<IdempotencyKey.Id, String> fingerprintById) {
        return connection.preparedQuery(STORED)
                .execute(arrays(List.copyOf(fingerprintById.entrySet())))
                .map(rows -> {
                    Map<IdempotencyKey.Id, Stored> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(new IdempotencyKey.Id(row.getString(0), row.getString(1)),
                            new Stored(row.getString(2), row.getString(3))));
                    return stored;
                });
    }

    private static Tuple arrays(List<Map.Entry<IdempotencyKey.Id, String>> fingerprints) {
        return Tuple.tuple(List.<Object>of(
                fingerprints.stream().map(entry -> entry.getKey().scope()).toArray(String[]::new),
                fingerprints.stream().map(entry -> entry.getKey().value()).toArray(String[]::new),
                fingerprints.stream().map(Map.Entry::getValue).toArray(String[]::new)));
    }

    /** The first response again, or 422 when the key came with another request. */
    public <T> T replay(IdempotencyKey key, Stored stored, Class<T> responseType) {
        if (stored == null || !key.fingerprint().equals(stored.fingerprint())) {
            throw reused(key.value());
        }
        return read(stored.responseBody(), responseType);
    }

    /**
     * Stores the responses of a batch's accepted requests, and gives back the keys of its refused
     * ones (a refusal is not stored, so its retry runs again), in the batch's transaction.
     */
    public Uni<Void> settleAll(SqlConnection connection, Map<IdempotencyKey.Id, Object> responseById,
                               Set<IdempotencyKey.Id> refused) {
        Uni<?> store = responseById.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        UPDATE idempotency_keys k SET response_body = r.body
                        FROM unnest($1::text[], $2::text[], $3::text[]) AS r(scope, key, body)
                        WHERE k.scope = r.scope AND k.idempotency_key = r.key""")
                .execute(Tuple.tuple(List.<Object>of(
                        responseById.keySet().stream().map(IdempotencyKey.Id::scope).toArray(String[]::new),
                        responseById.keySet().stream().map(IdempotencyKey.Id::value).toArray(String[]::new),
                        responseById.values().stream().map(this::write).toArray(String[]::new))));
        Uni<?> forget = refused.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        DELETE FROM idempotency_keys k USING unnest($1::text[], $2::text[]) AS r(scope, key)
                        WHERE k.scope = r.scope AND k.idempotency_key = r.key""")
                .execute(Tuple.tuple(List.<Object>of(refused.stream().map(IdempotencyKey.Id::scope).toArray(String[]::new),
                        refused.stream().map(IdempotencyKey.Id::value).toArray(String[]::new))));
        return Uni.combine().all().unis(store, forget).discardItems();
    }

    private static UnprocessableProblem reused(String key) {
        return new UnprocessableProblem("idempotency-key-reused", "Idempotency-Key reused",
                "Idempotency-Key '" + key + "' was already used for a different request");
    }
}
