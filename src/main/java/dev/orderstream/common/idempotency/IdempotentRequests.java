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
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Makes a state-changing request safe to retry. Runs inside the caller's transaction: the key is
 * claimed with an insert that waits on any concurrent claim of the same key, so two concurrent
 * requests with one key do the work once; the second replays the first's stored response.
 * Only successful responses are stored: a refused request (409, 422) is not, so its retry runs again.
 */
@ApplicationScoped
public class IdempotentRequests {

    private final ObjectMapper json;

    public IdempotentRequests(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Does the work once per key, in the caller's transaction: the first request with {@code key} does
     * it and its response is stored with the key; a later one with the same fingerprint gets that
     * response again without the work, one with another fingerprint is refused (422). Without a key
     * the work is just done.
     */
    public <T> Uni<T> once(IdempotencyKey key, Class<T> responseType, Supplier<Uni<T>> work) {
        if (key == null) {
            return work.get();
        }
        return claim(key.value(), key.fingerprint())
                .chain(claimed -> claimed
                        ? work.get().call(response -> store(key.value(), response))
                        : replay(key.value(), key.fingerprint(), responseType));
    }

    private Uni<Boolean> claim(String key, String fingerprint) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO idempotency_keys (idempotency_key, fingerprint, created_at)
                                VALUES (:key, :fingerprint, now())
                                ON CONFLICT (idempotency_key) DO NOTHING""")
                        .setParameter("key", key)
                        .setParameter("fingerprint", fingerprint)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<Integer> store(String key, Object response) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "UPDATE idempotency_keys SET response_body = :body WHERE idempotency_key = :key")
                        .setParameter("body", write(response))
                        .setParameter("key", key)
                        .executeUpdate());
    }

    private <T> Uni<T> replay(String key, String fingerprint, Class<T> responseType) {
        return Panache.getSession()
                .chain(session -> session.<Object[]>createNativeQuery(
                                "SELECT fingerprint, response_body FROM idempotency_keys WHERE idempotency_key = :key")
                        .setParameter("key", key)
                        .getSingleResult())
                .map(row -> {
                    if (!fingerprint.equals(row[0])) {
                        throw reused(key);
                    }
                    return read((String) row[1], responseType);
                });
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
     * waits for it. Returns the keys claimed; the others were used before and are replayed.
     */
    public Uni<Set<String>> claimAll(SqlConnection connection, Map<String, String> fingerprintByKey) {
        if (fingerprintByKey.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        TreeMap<String, String> sorted = new TreeMap<>(fingerprintByKey);
        return connection.preparedQuery("""
                        INSERT INTO idempotency_keys (idempotency_key, fingerprint, created_at)
                        SELECT k.key, k.fingerprint, now() FROM unnest($1::text[], $2::text[]) AS k(key, fingerprint)
                        ON CONFLICT (idempotency_key) DO NOTHING
                        RETURNING idempotency_key""")
                .execute(Tuple.tuple(List.<Object>of(sorted.keySet().toArray(String[]::new),
                        sorted.values().toArray(String[]::new))))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getString(0)));
                    return claimed;
                });
    }

    /** What was stored for keys used before. */
    public Uni<Map<String, Stored>> storedAll(SqlConnection connection, Set<String> keys) {
        return connection.preparedQuery("""
                        SELECT idempotency_key, fingerprint, response_body FROM idempotency_keys
                        WHERE idempotency_key = ANY($1::text[])""")
                .execute(Tuple.tuple().addArrayOfString(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Stored> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getString(0), new Stored(row.getString(1), row.getString(2))));
                    return stored;
                });
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
    public Uni<Void> settleAll(SqlConnection connection, Map<String, Object> responseByKey, Set<String> refusedKeys) {
        Uni<?> store = responseByKey.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        UPDATE idempotency_keys SET response_body = r.body
                        FROM unnest($1::text[], $2::text[]) AS r(key, body)
                        WHERE idempotency_key = r.key""")
                .execute(Tuple.tuple(List.<Object>of(responseByKey.keySet().toArray(String[]::new),
                        responseByKey.values().stream().map(this::write).toArray(String[]::new))));
        Uni<?> forget = refusedKeys.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery(
                        "DELETE FROM idempotency_keys WHERE idempotency_key = ANY($1::text[])")
                .execute(Tuple.tuple().addArrayOfString(refusedKeys.toArray(String[]::new)));
        return Uni.combine().all().unis(store, forget).discardItems();
    }

    private static UnprocessableProblem reused(String key) {
        return new UnprocessableProblem("idempotency-key-reused", "Idempotency-Key reused",
                "Idempotency-Key '" + key + "' was already used for a different request");
    }
}
