package dev.orderstream.bulk;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusIntegrationTest
@ExtendWith(DefaultToken.class)
class BulkJobIT extends BulkJobTest {

    @Override
    protected int captureJobSize() {
        return 200;
    }
}
