package dev.orderstream.common;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency-Key scopes against the packaged application, where keys were first seen to collide. */
@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class IdempotencyScopeIT extends IdempotencyScopeTest {
}
