package dev.orderstream.common.idempotency;

/**
 * A client's {@code Idempotency-Key}, the scope it is stored in (who sent it and for which operation)
 * and the fingerprint of the request it came with (the operation and the body): a later request
 * with the key in the same scope must match the fingerprint to be replayed. Keys in different scopes
 * never meet. Made at the edge, where the request and its caller are known ({@link IdempotencyKeys});
 * the use cases only carry it to {@link IdempotentRequests}.
 */
public record IdempotencyKey(String scope, String value, String fingerprint) {

    /** Which stored key this is: its scope and the client's value. */
    public Id id() {
        return new Id(scope, value);
    }

    public record Id(String scope, String value) {
    }
}
