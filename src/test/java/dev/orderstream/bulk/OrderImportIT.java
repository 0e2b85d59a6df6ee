package dev.orderstream.bulk;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class OrderImportIT extends OrderImportTest {
}
