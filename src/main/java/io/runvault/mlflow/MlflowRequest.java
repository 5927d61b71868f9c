package io.runvault.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one MLflow API request, read as leniently as MLflow's own server reads them:
 * members it does not know are ignored, 64-bit integers may arrive as JSON strings (protobuf's JSON
 * form, which the Java client sends), doubles as numbers or as "NaN" and "Infinity", and a GET's
 * query parameters are read like a body's members.
 */
final class MlflowRequest {

    /** MLflow's own limit for a request body. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final JsonNode fields;
    private final String raw;

    private MlflowRequest(JsonNode fields, String raw) {
        this.fields = fields;
        this.raw = raw;
    }

    private MlflowRequest(JsonNode fields) {
        this(fields, "");
    }

    /** The request body as text, refused past {@link #MAX_BODY} without reading the rest into memory. */
    static String read(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw MlflowException.invalid("The request body is larger than 16 MiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MlflowException(ErrorCode.BAD_REQUEST, "The request body could not be read: " + e.getMessage());
        }
    }

    static MlflowRequest ofBody(String body) {
        if (body == null || body.isBlank()) {
            return new MlflowRequest(Json.MAPPER.createObjectNode());
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MlflowException(ErrorCode.BAD_REQUEST, "The request body must be a JSON object");
            }
            return new MlflowRequest(node, body);
        } catch (JsonProcessingException e) {
            throw new MlflowException(ErrorCode.BAD_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static MlflowRequest ofQuery(MultivaluedMap<String, String> query) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (parameter.getValue().size() == 1) {
                node.put(parameter.getKey(), parameter.getValue().get(0));
            } else {
                ArrayNode values = node.putArray(parameter.getKey());
                parameter.getValue().forEach(values::add);
            }
        }
        return new MlflowRequest(node);
    }

    /** The body as it was sent (empty for a query). */
    String raw() {
        return raw;
    }

    /** Whether the request named no field at all (a DELETE may send its fields in the query instead). */
    boolean isEmpty() {
        return fields.isEmpty();
    }

    String text(String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw MlflowException.invalid("'" + name + "' must be a string, not " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter '" + name + "'");
        }
        return value;
    }

    /** The first of several names that is present (MLflow still accepts {@code run_uuid} for {@code run_id}). */
    String requiredText(String name, String alias) {
        String value = text(name);
        return value != null && !value.isEmpty() ? value : requiredText(alias);
    }

    Long longValue(String name) {
        return longOf(fields.get(name), name);
    }

    int intValue(String name, int fallback) {
        Long value = longValue(name);
        if (value == null) {
            return fallback;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw MlflowException.invalid("'" + name + "' is out of range: " + value);
        }
        return value.intValue();
    }

    List<String> texts(String name) {
        JsonNode value = fields.get(name);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (value.isArray()) {
            value.forEach(item -> texts.add(item.asText()));
        } else {
            texts.add(value.asText());
        }
        return texts;
    }

    /** The members of the array {@code name}, each an object. */
    List<MlflowRequest> objects(String name) {
        JsonNode value = fields.get(name);
        List<MlflowRequest> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            return items;
        }
        if (!value.isArray()) {
            throw MlflowException.invalid("'" + name + "' must be a list");
        }
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw MlflowException.invalid("Every member of '" + name + "' must be an object");
            }
            items.add(new MlflowRequest(item));
        }
        return items;
    }

    static Long longOf(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw MlflowException.invalid("'" + name + "' must be a 64-bit integer, got " + value);
    }

    double requiredDouble(String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            throw MlflowException.invalid("Missing value for required parameter '" + name + "'");
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        // refused below
                    }
            }
        }
        throw MlflowException.invalid("'" + name + "' must be a number, got " + value);
    }
}
