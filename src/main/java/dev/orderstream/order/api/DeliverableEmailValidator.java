package dev.orderstream.order.api;

import dev.orderstream.order.verification.CustomerDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

@ApplicationScoped
public class DeliverableEmailValidator implements ConstraintValidator<DeliverableEmail, String> {

    private final CustomerDetails details;

    public DeliverableEmailValidator(CustomerDetails details) {
        this.details = details;
    }

    @Override
    public boolean isValid(String email, ConstraintValidatorContext context) {
        String problem = details.emailProblem(email);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(ValidAddressValidator.escape(problem)).addConstraintViolation();
        return false;
    }
}
