package io.runvault.jobs;

import io.runvault.problem.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of the evaluation kinds' specs: typed members that collect every error instead of
 * stopping at the first, then one 400 with all of them ({@link #check()}).
 */
final class SpecReader {

    private final JsonObject json;
    private final List<String> errors = new ArrayList<>();

    private SpecReader(JsonObject json) {
        this.json = json;
    }

    /** Reads a JSON object; JSON null members count as absent; unknown members are errors. */
    static SpecReader of(String text, String kind, Set<String> keys) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("bad-job-spec", "The body is a job spec (JSON object)");
        }
        if (text.length() > TrainJobSpec.MAX_BYTES) {
            throw new InvalidRequestException("bad-job-spec", "A job spec has at most " + TrainJobSpec.MAX_BYTES + " characters");
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new InvalidRequestException("malformed-json", "The job spec is not a JSON object: " + e.getMessage());
        } catch (JsonException e) {
            throw new InvalidRequestException("malformed-json", "The job spec is not valid JSON: " + e.getMessage());
        }
        var withoutNulls = Json.createObjectBuilder();
        json.forEach((key, value) -> {
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                withoutNulls.add(key, value);
            }
        });
        SpecReader reader = new SpecReader(withoutNulls.build());
        Set<String> unknown = new TreeSet<>(reader.json.keySet());
        unknown.removeAll(keys);
        if (!unknown.isEmpty()) {
            reader.errors.add("unknown members " + unknown + " (known: " + new TreeSet<>(keys) + ")");
        }
        String named = reader.string("kind", kind);
        if (!named.equals(kind)) {
            reader.errors.add("kind '" + named + "' is not " + kind);
        }
        return reader;
    }

    void error(String message) {
        errors.add(message);
    }

    boolean has(String key) {
        return json.containsKey(key);
    }

    /** Throws the 400 with every error collected so far, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("bad-job-spec", "The job spec is not valid: " + String.join("; ", errors),
                    Map.of("errors", List.copyOf(errors)));
        }
    }

    String string(String key, String fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        errors.add(key + " is a string");
        return fallback;
    }

    int integer(String key, int fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException tooBig) {
                errors.add(key + " is out of range");
                return fallback;
            }
        }
        errors.add(key + " is an integer");
        return fallback;
    }

    long longInteger(String key, long fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooBig) {
                errors.add(key + " is out of range");
                return fallback;
            }
        }
        errors.add(key + " is an integer");
        return fallback;
    }

    /** An array of strings, or null when absent. */
    List<String> strings(String key) {
        JsonValue value = json.get(key);
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof JsonString)) {
            array.forEach(v -> out.add(((JsonString) v).getString()));
            return out;
        }
        errors.add(key + " is an array of strings");
        return null;
    }

    /** An array of integers, or null when absent. */
    int[] integers(String key) {
        JsonValue value = json.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonArray array && array.stream().allMatch(v -> v instanceof JsonNumber n && n.isIntegral())) {
            return array.stream().mapToInt(v -> ((JsonNumber) v).intValue()).toArray();
        }
        errors.add(key + " is an array of integers");
        return null;
    }

    /** A nested object, or null when absent. */
    JsonObject object(String key) {
        JsonValue value = json.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject o) {
            return o;
        }
        errors.add(key + " is an object");
        return null;
    }
}
