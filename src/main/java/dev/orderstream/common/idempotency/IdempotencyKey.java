package dev.orderstream.common.idempotency;

/**
 * A client's {@code Idempotency-Key} and the fingerprint of the request it came with (the operation
 * and the body): a later request with the key must match it to be replayed. Made at the edge, where
 * the request is known ({@link IdempotencyKeys}); the use cases only carry it to {@link IdempotentRequests}.
 */
public record IdempotencyKey(String value, String fingerprint) {
}
