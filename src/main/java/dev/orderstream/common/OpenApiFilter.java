package dev.orderstream.common;

import dev.orderstream.common.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.Map;

/**
 * What the OpenAPI document says in general, done once here rather than on every operation
 * (README "API contract"):
 * <ul>
 * <li>every error answer whose operation does not describe a body of its own (the 401 and 403
 * Quarkus adds to secured operations, a 400 of Bean Validation) is {@code application/problem+json}
 * with the {@code Problem} schema, as {@code ProblemMappers} answers it;</li>
 * <li>each page of a list ({@code Page<T>}, named {@code PageOrderSummaryResponse} and so on) says
 * how paging works (an annotation on the generic record would also emit an unused {@code Page}).</li>
 * </ul>
 */
public class OpenApiFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
            APIResponse response = entry.getValue();
            boolean error = entry.getKey().startsWith("4") || entry.getKey().startsWith("5");
            if (error && response.getRef() == null
                    && (response.getContent() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            }
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        for (Map.Entry<String, Schema> entry : openAPI.getComponents().getSchemas().entrySet()) {
            if (entry.getKey().startsWith("Page") && entry.getValue().getDescription() == null) {
                entry.getValue().setDescription("A page of a list, in the list's order; pass nextCursor back as "
                        + "cursor for the next page (absent on the last one)");
            }
        }
    }
}
