package dev.orderstream.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Our signatures against the Standard Webhooks specification's published test vector. */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSpecificationsTestVectorIsReproducedExactly() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ID, TIMESTAMP, BODY), "the prefix is optional");
    }

    @Test
    void twoActiveSecretsGiveTwoSignaturesSeparatedByASpace() {
        String other = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(SECRET, other), ID, TIMESTAMP, BODY);
        String[] signatures = header.split(" ");
        assertEquals(2, signatures.length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signatures[0]);
        assertEquals(WebhookSignature.sign(other, ID, TIMESTAMP, BODY), signatures[1]);
    }

    @Test
    void anySingleByteChangedChangesTheSignature() {
        String signed = WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY);
        assertNotEquals(signed, WebhookSignature.sign(SECRET, ID, TIMESTAMP + 1, BODY));
        assertNotEquals(signed, WebhookSignature.sign(SECRET, ID + "x", TIMESTAMP, BODY));
        assertNotEquals(signed, WebhookSignature.sign(SECRET, ID, TIMESTAMP, "{\"test\": 2432232315}".getBytes()));
        assertTrue(WebhookSignature.newSecret().startsWith("whsec_"));
        assertNotEquals(WebhookSignature.newSecret(), WebhookSignature.newSecret());
    }
}
