package dev.orderstream.order.verification;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** The customer-detail rules against the packaged application (and the native executable). */
@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class CustomerDetailsIT extends CustomerDetailsTest {
}
