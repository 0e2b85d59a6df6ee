package dev.orderstream.order.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An email address mail can reach: a dot-atom before the @ of at most 64 characters, a domain with
 * a dot and valid host labels after it (no {@code localhost}, no bare label, no address literal),
 * at most 254 characters in all (RFC 5321).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DeliverableEmailValidator.class)
public @interface DeliverableEmail {

    String message() default "must be an email address, such as jane@example.com";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
