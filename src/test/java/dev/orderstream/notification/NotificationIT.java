package dev.orderstream.notification;

import dev.orderstream.support.DefaultToken;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/** Customer emails from the packaged jar and the native executable (mailer, templates, bundles there). */
@QuarkusIntegrationTest
@TestProfile(NotificationTest.Smtp.class)
@ExtendWith(DefaultToken.class)
class NotificationIT extends NotificationTest {
}
