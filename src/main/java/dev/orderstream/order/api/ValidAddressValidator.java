package dev.orderstream.order.api;

import dev.orderstream.order.verification.CustomerDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

@ApplicationScoped
public class ValidAddressValidator implements ConstraintValidator<ValidAddress, AddressRequest> {

    private final CustomerDetails details;

    public ValidAddressValidator(CustomerDetails details) {
        this.details = details;
    }

    @Override
    public boolean isValid(AddressRequest address, ConstraintValidatorContext context) {
        if (address == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = report(context, "country", details.countryProblem(address.country()));
        valid &= report(context, "postalCode", details.postalCodeProblem(address.country(), address.postalCode()));
        valid &= report(context, "phone", details.phoneProblem(address.country(), address.phone()));
        return valid;
    }

    private static boolean report(ConstraintValidatorContext context, String field, String problem) {
        if (problem == null) {
            return true;
        }
        context.buildConstraintViolationWithTemplate(escape(problem)).addPropertyNode(field).addConstraintViolation();
        return false;
    }

    /** Messages are templates: braces and dollars in them are literal here. */
    static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
