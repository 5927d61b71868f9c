package io.runvault.problem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document. */
@Schema(name = "Problem", description = "RFC 9457 problem details; extra members name what was wrong.")
public record Problem(
        @Schema(description = "A URI reference naming the problem type", example = "/problems/digest-mismatch") String type,
        @Schema(description = "Short summary of the problem type") String title,
        @Schema(description = "HTTP status code") int status,
        @Schema(description = "What went wrong with this request") String detail,
        @Schema(description = "The request path") String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public Response toResponse(Map<String, Object> extensions) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (instance != null) {
            body.add("instance", instance);
        }
        extensions.forEach((key, value) -> body.add(key, toJson(value)));
        return Response.status(status).type(PROBLEM_JSON).entity(body.build().toString()).build();
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder().add("type", type).add("title", title).add("status", status)
                .add("detail", detail == null ? title : detail).build();
    }

    private static jakarta.json.JsonValue toJson(Object value) {
        if (value instanceof Collection<?> items) {
            var array = Json.createArrayBuilder();
            items.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (value instanceof java.util.Map<?, ?> members) {
            var object = Json.createObjectBuilder();
            members.forEach((key, member) -> object.add(String.valueOf(key), toJson(member)));
            return object.build();
        }
        if (value instanceof Boolean flag) {
            return flag ? jakarta.json.JsonValue.TRUE : jakarta.json.JsonValue.FALSE;
        }
        if (value instanceof Double || value instanceof Float) {
            // Fractions stay fractions (a threshold of 0.9 is not 0); non-finite values have no JSON form.
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? Json.createValue(number) : Json.createValue(String.valueOf(number));
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return Json.createValue(decimal);
        }
        if (value instanceof Number number) {
            return Json.createValue(number.longValue());
        }
        return Json.createValue(String.valueOf(value));
    }
}
