package dev.orderstream.order.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A shipping address whose country exists, whose postal code has that country's format and whose
 * phone is a number of that country ({@code CustomerDetails}); each wrong field is named on its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidAddressValidator.class)
public @interface ValidAddress {

    String message() default "is not a valid address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
