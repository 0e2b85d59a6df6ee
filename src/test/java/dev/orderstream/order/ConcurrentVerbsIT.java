package dev.orderstream.order;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The races against the packaged application, where they were first seen (its log is its own: the answers are checked). */
@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class ConcurrentVerbsIT extends ConcurrentVerbsTest {
}
