package io.runvault.audit;

import io.runvault.hash.Blake2b256;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hash chain. An event's hash is {@code blake2b:} + BLAKE2b-256 of the RFC 8785 canonical JSON
 * of {seq, occurredAt (ISO-8601), actor, action, target, details, prevHash}; prevHash is the
 * previous event's hash, or {@link #GENESIS} for the first. Changing any stored field of any
 * event therefore changes its hash, and every later link with it.
 */
public final class AuditChain {

    public static final String GENESIS = Blake2b256.PREFIX + "0".repeat(64);
    /** Integers beyond this lose precision as RFC 8785 (IEEE 754) numbers. */
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private AuditChain() {
    }

    public static String hash(AuditRecord record) {
        return Blake2b256.text(canonicalBytes(content(record).build()));
    }

    /** An event as one line of the export: canonical JSON of the hashed members plus {@code hash}. */
    public static String line(AuditRecord record, String hash) {
        JsonObjectBuilder object = Json.createObjectBuilder()
                .add("seq", record.seq())
                .add("occurredAt", record.occurredAt().toString())
                .add("actor", record.actor())
                .add("action", record.action())
                .add("target", record.target())
                .add("details", detailsView(record.details()))
                .add("prevHash", record.prevHash())
                .add("hash", hash);
        return new String(canonicalBytes(object.build()), StandardCharsets.UTF_8);
    }

    /** RFC 8785 text of a details map: strings, booleans, null, finite numbers, lists and nested maps. */
    public static String canonicalDetails(Map<String, ?> details) {
        return new String(canonicalBytes(toJson(details == null ? Map.of() : details)), StandardCharsets.UTF_8);
    }

    /**
     * The stored details as JSON for reading: the object, or, when a row was altered so that it no
     * longer holds a JSON object, its text as a string (shown, never hidden).
     */
    public static JsonValue detailsView(String details) {
        try {
            return parseObject(details);
        } catch (IllegalArgumentException unreadable) {
            return Json.createValue(details);
        }
    }

    private static JsonObjectBuilder content(AuditRecord record) {
        return Json.createObjectBuilder()
                .add("seq", record.seq())
                .add("occurredAt", record.occurredAt().toString())
                .add("actor", record.actor())
                .add("action", record.action())
                .add("target", record.target())
                .add("details", parseObject(record.details()))
                .add("prevHash", record.prevHash());
    }

    private static JsonObject parseObject(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("details are not a JSON object", e);
        }
    }

    private static byte[] canonicalBytes(JsonValue json) {
        try {
            return new JsonCanonicalizer(json.toString()).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("Not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    private static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof String text) {
            return Json.createValue(text);
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (Math.abs(number) > MAX_EXACT_INTEGER) {
                throw new IllegalArgumentException("An audit detail integer must be within +-2^53, got " + number);
            }
            return Json.createValue(number);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("An audit detail number must be finite");
            }
            return Json.createValue(number);
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("Audit detail keys are strings, got " + key);
                }
                object.add(name, toJson(item));
            });
            return object.build();
        }
        if (value instanceof Collection<?> items) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            items.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        throw new IllegalArgumentException("Unsupported audit detail value: " + value.getClass().getName());
    }
}
