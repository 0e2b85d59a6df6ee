package dev.orderstream.tracking;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tracking page on the packaged jar and the native executable (templates and message bundles there). */
@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class TrackingPageIT extends TrackingPageTest {
}
