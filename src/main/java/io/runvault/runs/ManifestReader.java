package io.runvault.runs;

import io.runvault.problem.InvalidRequestException;
import io.runvault.store.Digest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.runvault.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
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
    /**
     * One JSON value and nothing after it, no key twice, and numbers exactly as written (a size of
     * 5.0 or 1e2 is not a whole number of bytes, as JSON-P judged it before).
     */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private ManifestReader() {
    }

    /**
     * A manifest a client sends: strict UTF-8 (no replaced bytes, no lone surrogate escapes, since the id
     * must be the hash of what the client meant) and an RFC 3339 createdAt with a 4-digit year.
     */
    public static RunManifest read(byte[] body) {
        JsonNode document = parse(strictUtf8(body));
        wellFormedStrings(document);
        return manifest(document, true);
    }

    /** A manifest already committed: read as it was accepted then, so older runs stay readable. */
    public static RunManifest stored(byte[] canonical) {
        JsonNode document;
        try {
            document = READER.readTree(canonical);
        } catch (IOException | RuntimeException malformed) {
            throw malformed(malformed);
        }
        return manifest(present(document), false);
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

    private static JsonNode parse(String text) {
        try {
            return present(READER.readTree(text));
        } catch (IOException | RuntimeException malformed) {
            // Limits (nesting depth, number length) are exceptions too: all are bad input here.
            throw malformed(malformed);
        }
    }

    /** An empty body reads as no value at all. */
    private static JsonNode present(JsonNode document) {
        if (document == null || document.isMissingNode()) {
            throw new InvalidRequestException("malformed-json", "The manifest is not valid JSON: it is empty");
        }
        return document;
    }

    private static InvalidRequestException malformed(Exception malformed) {
        String reason = malformed instanceof JsonProcessingException json ? json.getOriginalMessage() : malformed.getMessage();
        return new InvalidRequestException("malformed-json", "The manifest is not valid JSON: " + reason);
    }

    /** A \\uD800 escape decodes to half a character, which UTF-8 cannot hold: refuse it rather than replace it. */
    private static void wellFormedStrings(JsonNode value) {
        if (value.isTextual()) {
            wellFormed(value.textValue());
        } else if (value.isArray()) {
            value.forEach(ManifestReader::wellFormedStrings);
        } else if (value.isObject()) {
            value.properties().forEach(member -> {
                wellFormed(member.getKey());
                wellFormedStrings(member.getValue());
            });
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

    private static RunManifest manifest(JsonNode document, boolean strict) {
        JsonNode root = object(document, "the manifest");
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
            JsonNode array = array(value, "series." + key);
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

    private static List<FileEntry> files(JsonNode value) {
        JsonNode array = array(value, "files");
        if (array.size() > MAX_FILES) {
            throw new InvalidRequestException("manifest-too-large", "A run has at most " + MAX_FILES + " files");
        }
        List<FileEntry> files = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "files[" + i + "]";
            JsonNode file = object(array.get(i), where);
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

    private static Lineage lineage(JsonNode value) {
        JsonNode lineage = object(value, "lineage");
        onlyKnown(lineage, LINEAGE, "lineage");
        List<String> parents = new ArrayList<>();
        if (present(lineage, "parents")) {
            JsonNode array = array(lineage.get("parents"), "lineage.parents");
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

    private static String optionalDigest(JsonNode lineage, String member) {
        return present(lineage, member)
                ? Digest.parse(string(lineage.get(member), "lineage." + member, 100)).toString()
                : null;
    }

    private static Map<String, JsonNode> entries(JsonNode root, String member) {
        if (!present(root, member)) {
            return Map.of();
        }
        JsonNode map = object(root.get(member), member);
        if (map.size() > MAX_ENTRIES) {
            throw new InvalidRequestException("manifest-too-large", member + " has at most " + MAX_ENTRIES + " entries");
        }
        Map<String, JsonNode> entries = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > MAX_KEY || key.codePoints().anyMatch(Character::isISOControl)) {
                throw new InvalidRequestException("bad-key", member + " keys are 1-" + MAX_KEY
                        + " characters without control characters");
            }
            entries.put(key, entry.getValue());
        }
        return entries;
    }

    private static Object paramValue(JsonNode value, String where) {
        if (value.isTextual()) {
            return string(value, where, MAX_VALUE);
        }
        if (value.isNumber()) {
            return number(value, where);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new InvalidRequestException("bad-manifest", where + " must be a string, number or boolean");
    }

    /** Generated clients send absent optional members as null: both mean "not given". */
    private static boolean present(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && !value.isNull();
    }

    private static JsonNode required(JsonNode object, String member) {
        return required(object, member, "the manifest");
    }

    private static JsonNode required(JsonNode object, String member, String where) {
        JsonNode value = object.get(member);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException("bad-manifest", where + " needs '" + member + "'");
        }
        return value;
    }

    private static void onlyKnown(JsonNode object, Set<String> known, String where) {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String key = member.getKey();
            if (!known.contains(key)) {
                String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
                throw new InvalidRequestException("bad-manifest", where + " has an unknown member '" + shown
                        + "'; known: " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static JsonNode object(JsonNode value, String where) {
        if (value == null || !value.isObject()) {
            throw new InvalidRequestException("bad-manifest", where + " must be a JSON object");
        }
        return value;
    }

    private static JsonNode array(JsonNode value, String where) {
        if (!value.isArray()) {
            throw new InvalidRequestException("bad-manifest", where + " must be a JSON array");
        }
        return value;
    }

    private static String string(JsonNode value, String where, int maxLength) {
        if (!value.isTextual()) {
            throw new InvalidRequestException("bad-manifest", where + " must be a string");
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            throw new InvalidRequestException("bad-manifest", where + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static String name(JsonNode value, String where) {
        String text = string(value, where, MAX_NAME);
        if (text.isBlank() || text.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("bad-manifest", where + " must be non-blank, without control characters");
        }
        return text;
    }

    private static double number(JsonNode value, String where) {
        if (!value.isNumber()) {
            throw new InvalidRequestException("bad-manifest", where + " must be a number");
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw new InvalidRequestException("bad-manifest", where + " is out of the range of a double");
        }
        return number;
    }

    /** Whole as written: 5 and 5e0 are, 5.0 and 1e2 are not (their decimal scale is not 0). */
    private static long size(JsonNode value, String where) {
        BigDecimal written = value.isNumber() ? value.decimalValue() : null;
        if (written == null || written.scale() != 0) {
            throw new InvalidRequestException("bad-manifest", where + " must be a whole number of bytes");
        }
        try {
            long size = written.longValueExact();
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

    private static Instant time(JsonNode value) {
        String text = string(value, "createdAt", 64);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("bad-manifest",
                    "createdAt must be an RFC 3339 time with offset, e.g. 2026-11-24T10:15:00Z");
        }
    }
}
