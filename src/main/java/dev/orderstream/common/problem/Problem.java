package dev.orderstream.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.orderstream.catalog.Shortage;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import java.util.Map;

/** The RFC 9457 problem body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", requiredProperties = {"type", "title", "status"}, description = "An RFC 9457 problem: a stable type to switch on, a title, the status, a "
        + "detail for people, and members of its own where they help",
        properties = {
                @SchemaProperty(name = "errors", type = SchemaType.ARRAY, implementation = BadRequestProblem.FieldError.class,
                        description = "400, 422: each offending field, as a JSON path such as lines[0].quantity"),
                @SchemaProperty(name = "shortages", type = SchemaType.ARRAY, implementation = Shortage.class,
                        description = "409 insufficient-stock: each short SKU, what was asked and what is available"),
                @SchemaProperty(name = "currentStatus", type = SchemaType.STRING,
                        description = "409 on an order's status: the status it has now"),
                @SchemaProperty(name = "currentVersion", type = SchemaType.INTEGER, format = "int64",
                        description = "412: the order's version now (send its ETag as If-Match)"),
                @SchemaProperty(name = "allowedChannels", type = SchemaType.ARRAY, implementation = String.class,
                        description = "422 unknown-channel: the store's sales channels"),
                @SchemaProperty(name = "shipsTo", type = SchemaType.ARRAY, implementation = String.class,
                        description = "422 country-not-shipped: the countries the store ships to")})
public record Problem(String type, String title, int status, String detail, String instance,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://orderstream.dev/problems/";

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}
