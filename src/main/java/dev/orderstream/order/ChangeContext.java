package dev.orderstream.order;

import dev.orderstream.common.idempotency.IdempotencyKey;
import dev.orderstream.common.security.Caller;

/**
 * Who asks for a change and under which conditions: the version of the order the caller expects
 * (a client's {@code If-Match}; null for any) and its idempotency key (null for none).
 */
public record ChangeContext(Caller caller, Long expectedVersion, IdempotencyKey idempotencyKey) {
}
