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
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * Strict reading of job specs, shared by every kind: typed members that collect every error instead
 * of stopping at the first, then one 400 with all of them ({@link #check()}).
 */
public final class SpecReader {

    /** The largest spec body accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    private final JsonObject json;
    private final List<String> errors;

    /** Reads members of {@code json}, adding problems to {@code errors}. */
    public SpecReader(JsonObject json, List<String> errors) {
        this.json = json;
        this.errors = errors;
    }

    /** The body as a JSON object, JSON null members dropped; malformed or oversized bodies are a 400. */
    public static JsonObject read(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("bad-job-spec", "The body is a job spec (JSON object)");
        }
        if (text.length() > MAX_BYTES) {
            throw new InvalidRequestException("bad-job-spec", "A job spec has at most " + MAX_BYTES + " characters");
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new InvalidRequestException("malformed-json", "The job spec is not a JSON object: " + e.getMessage());
        } catch (JsonException e) {
            throw new InvalidRequestException("malformed-json", "The job spec is not valid JSON: " + e.getMessage());
        }
        // JSON null members count as absent (generated clients may send them).
        var withoutNulls = Json.createObjectBuilder();
        json.forEach((key, value) -> {
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                withoutNulls.add(key, value);
            }
        });
        return withoutNulls.build();
    }

    /** Reads a spec of {@code kind}; unknown members are errors. */
    public static SpecReader of(String text, String kind, Set<String> keys) {
        SpecReader reader = new SpecReader(read(text), new ArrayList<>());
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

    public void error(String message) {
        errors.add(message);
    }

    public boolean has(String key) {
        return json.containsKey(key);
    }

    /** Throws the 400 with every error collected so far, if any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("bad-job-spec", "The job spec is not valid: " + String.join("; ", errors),
                    Map.of("errors", List.copyOf(errors)));
        }
    }

    public String string(String key, String fallback) {
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

    public int integer(String key, int fallback) {
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

    public long longInteger(String key, long fallback) {
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
    public List<String> strings(String key) {
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
    public int[] integers(String key) {
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
    public JsonObject object(String key) {
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

    public boolean bool(String key, boolean fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        errors.add(key + " is true or false");
        return fallback;
    }

    public double number(String key, double fallback) {
        JsonValue value = json.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonNumber n) {
            return n.doubleValue();
        }
        errors.add(key + " is a number");
        return fallback;
    }

    /** Calls {@code setter} only when the member is present (so a builder keeps its default). */
    public void stringTo(String key, Consumer<String> setter) {
        if (json.containsKey(key)) {
            setter.accept(string(key, null));
        }
    }

    public void integerTo(String key, IntConsumer setter) {
        if (json.containsKey(key)) {
            setter.accept(integer(key, 0));
        }
    }

    public void numberTo(String key, DoubleConsumer setter) {
        if (json.containsKey(key)) {
            setter.accept(number(key, 0));
        }
    }
}
