package io.runvault.runs;

import io.runvault.problem.InvalidRequestException;
import io.runvault.store.Digest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a manifest document into a {@link RunManifest}, or refuses it with a reason. Strict: unknown
 * members, duplicate keys, wrong types, non-finite numbers and bad paths are all 400s, because a
 * silently ignored member would make two different intentions hash to one run.
 */
public final class ManifestReader {

    static final int MAX_FILES = 100_000;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_SERIES_POINTS = 1_000_000;
    static final int MAX_KEY = 256;
    static final int MAX_VALUE = 1024;
    static final int MAX_NAME = 200;

    private static final Set<String> TOP = Set.of("experiment", "createdAt", "params", "metrics", "series", "tags",
            "lineage", "files");
    private static final Set<String> LINEAGE = Set.of("parents", "datasetDigest", "datasetName", "codeVersion",
            "environmentDigest");
    private static final Set<String> FILE = Set.of("path", "digest", "size", "mediaType");
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private ManifestReader() {
    }

    /**
     * A manifest a client sends: strict UTF-8 (no replaced bytes, no lone surrogate escapes, since the id
     * must be the hash of what the client meant) and an RFC 3339 createdAt with a 4-digit year.
     */
    public static RunManifest read(byte[] body) {
        JsonValue document = parse(strictUtf8(body));
        wellFormedStrings(document);
        return manifest(document, true);
    }

    /** A manifest already committed: read as it was accepted then, so older runs stay readable. */
    public static RunManifest stored(byte[] canonical) {
        JsonValue document;
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(canonical))) {
            document = reader.readValue();
        } catch (RuntimeException malformed) {
            throw new InvalidRequestException("malformed-json", "The manifest is not valid JSON: " + malformed.getMessage());
        }
        return manifest(document, false);
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("bad-encoding", "The manifest is not valid UTF-8 (RFC 8259 section 8.1)");
        }
    }

    private static JsonValue parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (RuntimeException malformed) {
            // Parsson signals some limits (nesting depth) with a plain RuntimeException: all are bad input here.
            throw new InvalidRequestException("malformed-json", "The manifest is not valid JSON: " + malformed.getMessage());
        }
    }

    /** A \\uD800 escape decodes to half a character, which UTF-8 cannot hold: refuse it rather than replace it. */
    private static void wellFormedStrings(JsonValue value) {
        switch (value.getValueType()) {
            case STRING -> wellFormed(((JsonString) value).getString());
            case ARRAY -> value.asJsonArray().forEach(ManifestReader::wellFormedStrings);
            case OBJECT -> value.asJsonObject().forEach((key, member) -> {
                wellFormed(key);
                wellFormedStrings(member);
            });
            default -> {
            }
        }
    }

    private static void wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException("bad-encoding",
                        "The manifest has a string with an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
    }

    private static RunManifest manifest(JsonValue document, boolean strict) {
        JsonObject root = object(document, "the manifest");
        onlyKnown(root, TOP, "the manifest");
        String experiment = name(required(root, "experiment"), "experiment");
        Instant createdAt = strict ? CreatedAt.parse(string(required(root, "createdAt"), "createdAt", 64))
                : time(required(root, "createdAt"));
        Map<String, Object> params = new TreeMap<>();
        entries(root, "params").forEach((key, value) -> params.put(key, paramValue(value, "params." + key)));
        Map<String, Double> metrics = new TreeMap<>();
        entries(root, "metrics").forEach((key, value) -> metrics.put(key, number(value, "metrics." + key)));
        Map<String, List<Double>> series = new TreeMap<>();
        int[] points = {0};
        entries(root, "series").forEach((key, value) -> {
            JsonArray array = array(value, "series." + key);
            points[0] += array.size();
            if (points[0] > MAX_SERIES_POINTS) {
                throw new InvalidRequestException("manifest-too-large", "At most " + MAX_SERIES_POINTS + " series points");
            }
            List<Double> values = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                values.add(number(array.get(i), "series." + key + "[" + i + "]"));
            }
            series.put(key, values);
        });
        Map<String, String> tags = new TreeMap<>();
        entries(root, "tags").forEach((key, value) -> tags.put(key, string(value, "tags." + key, MAX_VALUE)));
        Lineage lineage = present(root, "lineage") ? lineage(root.get("lineage")) : Lineage.NONE;
        List<FileEntry> files = files(required(root, "files"));
        return new RunManifest(experiment, createdAt, new TreeMap<>(params), new TreeMap<>(metrics),
                new TreeMap<>(series), new TreeMap<>(tags), lineage, files);
    }

    private static List<FileEntry> files(JsonValue value) {
        JsonArray array = array(value, "files");
        if (array.size() > MAX_FILES) {
            throw new InvalidRequestException("manifest-too-large", "A run has at most " + MAX_FILES + " files");
        }
        List<FileEntry> files = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "files[" + i + "]";
            JsonObject file = object(array.get(i), where);
            onlyKnown(file, FILE, where);
            RunPath path = RunPath.of(string(required(file, "path", where), where + ".path", Integer.MAX_VALUE));
            if (!seen.add(path.value())) {
                throw new InvalidRequestException("duplicate-path", "The path '" + path + "' appears twice",
                        Map.of("path", path.value()));
            }
            Digest digest = Digest.parse(string(required(file, "digest", where), where + ".digest", 100));
            long size = size(required(file, "size", where), where + ".size");
            String mediaType = present(file, "mediaType")
                    ? mediaType(string(file.get("mediaType"), where + ".mediaType", 255), where)
                    : FileMediaTypes.forPath(path);
            files.add(new FileEntry(path.value(), digest.toString(), size, mediaType));
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        return files;
    }

    private static Lineage lineage(JsonValue value) {
        JsonObject lineage = object(value, "lineage");
        onlyKnown(lineage, LINEAGE, "lineage");
        List<String> parents = new ArrayList<>();
        if (present(lineage, "parents")) {
            JsonArray array = array(lineage.get("parents"), "lineage.parents");
            if (array.size() > MAX_ENTRIES) {
                throw new InvalidRequestException("manifest-too-large", "At most " + MAX_ENTRIES + " parents");
            }
            for (int i = 0; i < array.size(); i++) {
                String parent = Digest.parse(string(array.get(i), "lineage.parents[" + i + "]", 100)).toString();
                if (parents.contains(parent)) {
                    throw new InvalidRequestException("duplicate-parent", "Parent " + parent + " is listed twice");
                }
                parents.add(parent);
            }
        }
        return new Lineage(parents,
                optionalDigest(lineage, "datasetDigest"),
                present(lineage, "datasetName") ? name(lineage.get("datasetName"), "lineage.datasetName") : null,
                present(lineage, "codeVersion") ? name(lineage.get("codeVersion"), "lineage.codeVersion") : null,
                optionalDigest(lineage, "environmentDigest"));
    }

    private static String optionalDigest(JsonObject lineage, String member) {
        return present(lineage, member)
                ? Digest.parse(string(lineage.get(member), "lineage." + member, 100)).toString()
                : null;
    }

    private static Map<String, JsonValue> entries(JsonObject root, String member) {
        if (!present(root, member)) {
            return Map.of();
        }
        JsonObject map = object(root.get(member), member);
        if (map.size() > MAX_ENTRIES) {
            throw new InvalidRequestException("manifest-too-large", member + " has at most " + MAX_ENTRIES + " entries");
        }
        for (String key : map.keySet()) {
            if (key.isEmpty() || key.length() > MAX_KEY || key.codePoints().anyMatch(Character::isISOControl)) {
                throw new InvalidRequestException("bad-key", member + " keys are 1-" + MAX_KEY
                        + " characters without control characters");
            }
        }
        return map;
    }

    private static Object paramValue(JsonValue value, String where) {
        return switch (value.getValueType()) {
            case STRING -> string(value, where, MAX_VALUE);
            case NUMBER -> number(value, where);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> throw new InvalidRequestException("bad-manifest", where + " must be a string, number or boolean");
        };
    }

    /** Generated clients send absent optional members as null: both mean "not given". */
    private static boolean present(JsonObject object, String member) {
        JsonValue value = object.get(member);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    private static JsonValue required(JsonObject object, String member) {
        return required(object, member, "the manifest");
    }

    private static JsonValue required(JsonObject object, String member, String where) {
        JsonValue value = object.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidRequestException("bad-manifest", where + " needs '" + member + "'");
        }
        return value;
    }

    private static void onlyKnown(JsonObject object, Set<String> known, String where) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
                throw new InvalidRequestException("bad-manifest", where + " has an unknown member '" + shown
                        + "'; known: " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static JsonObject object(JsonValue value, String where) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequestException("bad-manifest", where + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static JsonArray array(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRequestException("bad-manifest", where + " must be a JSON array");
        }
        return value.asJsonArray();
    }

    private static String string(JsonValue value, String where, int maxLength) {
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidRequestException("bad-manifest", where + " must be a string");
        }
        String text = ((JsonString) value).getString();
        if (text.length() > maxLength) {
            throw new InvalidRequestException("bad-manifest", where + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String name(JsonValue value, String where) {
        String text = string(value, where, MAX_NAME);
        if (text.isBlank() || text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("bad-manifest", where + " must be non-blank, without control characters");
        }
        return text;
    }

    private static double number(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new InvalidRequestException("bad-manifest", where + " must be a number");
        }
        double number = ((JsonNumber) value).doubleValue();
        if (!Double.isFinite(number)) {
            throw new InvalidRequestException("bad-manifest", where + " is out of the range of a double");
        }
        return number;
    }

    private static long size(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw new InvalidRequestException("bad-manifest", where + " must be a whole number of bytes");
        }
        try {
            long size = ((JsonNumber) value).longValueExact();
            if (size < 0 || size > (1L << 53)) {
                throw new InvalidRequestException("bad-manifest", where + " must be between 0 and 2^53");
            }
            return size;
        } catch (ArithmeticException tooBig) {
            throw new InvalidRequestException("bad-manifest", where + " must be between 0 and 2^53");
        }
    }

    private static String mediaType(String text, String where) {
        if (!text.matches("[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}")) {
            throw new InvalidRequestException("bad-manifest", where + ".mediaType must be type/subtype, without parameters");
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }

    private static Instant time(JsonValue value) {
        String text = string(value, "createdAt", 64);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("bad-manifest",
                    "createdAt must be an RFC 3339 time with offset, e.g. 2026-11-24T10:15:00Z");
        }
    }
}
