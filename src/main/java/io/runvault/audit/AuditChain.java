package io.runvault.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.hash.Blake2b256;
import io.runvault.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /**
     * Stored details are read with their numbers exactly as written, so the canonicalizer sees the
     * same number text as always; a repeated key keeps its last value, as before.
     */
    private static final ObjectReader DETAILS = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private AuditChain() {
    }

    public static String hash(AuditRecord record) {
        return Blake2b256.text(canonicalBytes(content(record)));
    }

    /** An event as one line of the export: canonical JSON of the hashed members plus {@code hash}. */
    public static String line(AuditRecord record, String hash) {
        ObjectNode object = members(record);
        object.set("details", detailsNode(record.details()));
        object.put("hash", hash);
        return new String(canonicalBytes(object), StandardCharsets.UTF_8);
    }

    /** RFC 8785 text of a details map: strings, booleans, null, finite numbers, lists and nested maps. */
    public static String canonicalDetails(Map<String, ?> details) {
        return new String(canonicalBytes(toJson(details == null ? Map.of() : details)), StandardCharsets.UTF_8);
    }

    /**
     * The stored details for reading, as the API shows them: the object (maps, lists, strings,
     * numbers as written, booleans, null), or, when a row was altered so that it no longer holds a
     * JSON object, its text as a string (shown, never hidden).
     */
    public static Object detailsView(String details) {
        JsonNode node = detailsNode(details);
        return node.isTextual() ? node.textValue() : plain(node);
    }

    private static JsonNode detailsNode(String details) {
        try {
            return parseObject(details);
        } catch (IllegalArgumentException unreadable) {
            return NODES.textNode(details);
        }
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            node.properties().forEach(member -> members.put(member.getKey(), plain(member.getValue())));
            return members;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    private static ObjectNode content(AuditRecord record) {
        ObjectNode object = members(record);
        object.set("details", parseObject(record.details()));
        return object;
    }

    /** The hashed members besides details; member order does not matter, the canonical form sorts them. */
    private static ObjectNode members(AuditRecord record) {
        ObjectNode object = NODES.objectNode();
        object.put("seq", record.seq());
        object.put("occurredAt", record.occurredAt().toString());
        object.put("actor", record.actor());
        object.put("action", record.action());
        object.put("target", record.target());
        object.put("prevHash", record.prevHash());
        return object;
    }

    private static JsonNode parseObject(String text) {
        JsonNode parsed;
        try {
            parsed = DETAILS.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("details are not a JSON object", e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("details are not a JSON object");
        }
        return parsed;
    }

    private static byte[] canonicalBytes(JsonNode json) {
        try {
            return new JsonCanonicalizer(Json.MAPPER.writeValueAsString(json)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not writable as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long number = ((Number) value).longValue();
            if (Math.abs(number) > MAX_EXACT_INTEGER) {
                throw new IllegalArgumentException("An audit detail integer must be within +-2^53, got " + number);
            }
            return NODES.numberNode(number);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("An audit detail number must be finite");
            }
            return NODES.numberNode(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new IllegalArgumentException("Audit detail keys are strings, got " + key);
                }
                object.set(name, toJson(item));
            });
            return object;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        throw new IllegalArgumentException("Unsupported audit detail value: " + value.getClass().getName());
    }
}
