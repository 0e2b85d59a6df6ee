package dev.orderstream.analytics;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class AnalyticsIT extends AnalyticsTest {
}
