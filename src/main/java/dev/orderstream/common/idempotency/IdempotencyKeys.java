package dev.orderstream.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orderstream.common.problem.BadRequestProblem;
import dev.orderstream.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads the {@code Idempotency-Key} header of a request, with the scope it is kept in (the caller and
 * the operation, as payment APIs scope keys) and the fingerprint a reused key must match.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;

    private final ObjectMapper json;

    public IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The key a request sent, or null when it sent none; 400 when it is blank or too long.
     *
     * @param caller    who sends it: its keys are its own ({@link Caller#idempotencyScope()})
     * @param operation what the request does and to what, such as {@code POST /orders/42/payments}
     * @param body      the parsed body; with {@code operation} it is what a reused key must match
     */
    public IdempotencyKey of(String header, Caller caller, String operation, Object body) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > MAX_KEY_LENGTH) {
            throw new BadRequestProblem("Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters", HEADER);
        }
        return new IdempotencyKey(caller.idempotencyScope() + " " + operation, header, fingerprint(operation, body));
    }

    /**
     * A key for a change the service makes on its own behalf, such as a bulk job's change of one
     * order: retried after a crash, the change is answered from the stored response, not made again.
     */
    public IdempotencyKey forWork(String scope, String value, String operation, Object body) {
        return new IdempotencyKey(scope, value, fingerprint(operation, body));
    }

    private String fingerprint(String operation, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint request", e);
        }
    }
}
