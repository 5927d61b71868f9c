package io.runvault.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
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
    /** Built from its parts, so that the class loads without a JAX-RS implementation (in unit tests). */
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Compact, with hex escapes in lower case, as problem bodies have always been written. */
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

    public Response toResponse(Map<String, Object> extensions) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(extensions)).build();
    }

    /** The response body: the members above, then the extensions (lists, maps, numbers, booleans, text). */
    public String body(Map<String, Object> extensions) {
        ObjectNode body = members();
        if (instance != null) {
            body.put("instance", instance);
        }
        extensions.forEach((key, value) -> body.set(key, toJson(value)));
        return write(body);
    }

    /** The body without instance or extensions, for responses written outside JAX-RS (servlets, filters). */
    public String toJson() {
        return write(members());
    }

    private ObjectNode members() {
        return NODES.objectNode().put("type", type).put("title", title).put("status", status)
                .put("detail", detail == null ? title : detail);
    }

    private static String write(ObjectNode body) {
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem body failed to serialize", e);
        }
    }

    private static JsonNode toJson(Object value) {
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> members) {
            ObjectNode object = NODES.objectNode();
            members.forEach((key, member) -> object.set(String.valueOf(key), toJson(member)));
            return object;
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Double || value instanceof Float) {
            // Fractions stay fractions (a threshold of 0.9 is not 0); non-finite values have no JSON form.
            // Written as its BigDecimal (1.0E+10, not 1.0E10), as problem bodies always spelled numbers.
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? DecimalNode.valueOf(BigDecimal.valueOf(number))
                    : NODES.textNode(String.valueOf(number));
        }
        if (value instanceof BigDecimal decimal) {
            return DecimalNode.valueOf(decimal);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.longValue());
        }
        return NODES.textNode(String.valueOf(value));
    }
}
