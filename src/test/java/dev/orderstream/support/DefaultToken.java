package dev.orderstream.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the existing tests speak as staff: a request without an Authorization header gets the staff
 * token, unless it carries {@link #ANONYMOUS} (which is removed before sending). Installed before
 * every {@code @QuarkusTest} method (registered as a Quarkus test callback: the test runs in
 * Quarkus' class loader, where a JUnit extension would set up another copy of REST Assured), and
 * by {@code @ExtendWith(DefaultToken.class)} on the {@code *IT} classes, which run outside it.
 */
public final class DefaultToken implements Filter, QuarkusTestBeforeEachCallback, BeforeEachCallback {

    /** Send this header (any value) to make a request without any token. */
    public static final String ANONYMOUS = "X-Test-Anonymous";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
    }

    public static synchronized void install() {
        if (RestAssured.filters().stream().noneMatch(DefaultToken.class::isInstance)) {
            RestAssured.filters(new DefaultToken());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            request.removeHeader(ANONYMOUS);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", Tokens.bearer(Tokens.staff()));
        }
        return context.next(request, response);
    }
}
