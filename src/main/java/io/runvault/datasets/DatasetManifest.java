package io.runvault.datasets;

import io.runvault.store.Digest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * What a registered dataset is, as canonical JSON (RFC 8785): its format, the digests of its stored
 * files, class names, shape, per-split and per-class counts, how the test split came about, and the
 * reading options. The dataset's digest is the BLAKE2b-256 of these bytes; the name is not part of
 * it, so the same content registered under two names has one digest.
 */
public record DatasetManifest(DatasetFormat format, List<StoredFile> files, List<String> classes, int channels,
                              int height, int width, Map<String, int[]> perClass, boolean testDerived,
                              boolean groupedSplit, String labelColumn, String groupColumn, int groups) {

    /** One stored file of the dataset: its role in the format, digest and size. */
    public record StoredFile(String role, Digest digest, long size) {
    }

    public DatasetManifest {
        files = List.copyOf(files);
        classes = List.copyOf(classes);
        perClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
    }

    /** The manifest of a dataset read from {@code files} (its test split already in place, see {@link ParsedDataset#withTest}). */
    static DatasetManifest of(DatasetFormat format, List<StoredFile> files, ParsedDataset parsed, DatasetOptions options) {
        Map<String, int[]> perClass = new LinkedHashMap<>();
        perClass.put("train", parsed.train().classCounts());
        if (parsed.val() != null) {
            perClass.put("val", parsed.val().classCounts());
        }
        perClass.put("test", parsed.test().classCounts());
        LabelledImages t = parsed.train();
        return new DatasetManifest(format, files, t.classNames(), t.channels(), t.height(), t.width(), perClass,
                parsed.testDerived(), parsed.trainGroups() != null, options.labelColumn(), options.groupColumn(),
                parsed.groupCount());
    }

    /** How many items a split holds (0 for a split the dataset does not have). */
    public int count(String split) {
        int[] counts = perClass.get(split);
        return counts == null ? 0 : java.util.Arrays.stream(counts).sum();
    }

    /** The options that read the stored files back exactly as at registration. */
    DatasetOptions options() {
        return new DatasetOptions(labelColumn, groupColumn, format == DatasetFormat.IMAGE_FOLDER ? List.of() : classes);
    }

    public String toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("manifestVersion", 1);
        json.put("format", format.wire());
        ArrayNode fileArray = json.putArray("files");
        files.forEach(f -> fileArray.addObject().put("role", f.role()).put("digest", f.digest().toString())
                .put("size", f.size()));
        ArrayNode classArray = json.putArray("classes");
        classes.forEach(classArray::add);
        json.putObject("shape").put("channels", channels).put("height", height).put("width", width);
        ObjectNode splits = json.putObject("splits");
        perClass.forEach((split, counts) -> {
            ObjectNode s = splits.putObject(split).put("count", count(split));
            ArrayNode c = s.putArray("perClass");
            for (int n : counts) {
                c.add(n);
            }
        });
        if (testDerived) {
            json.putObject("derivedTest").put("fraction", ParsedDataset.DERIVED_TEST_FRACTION)
                    .put("seed", ParsedDataset.DERIVED_TEST_SEED).put("byGroup", groupedSplit);
        }
        if (labelColumn != null) {
            json.put("labelColumn", labelColumn);
        }
        if (groupColumn != null) {
            json.put("groupColumn", groupColumn).put("groups", groups);
        }
        try {
            return new JsonCanonicalizer(Json.MAPPER.writeValueAsString(json)).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] canonicalBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    public Digest digest() {
        return Digest.compute(canonicalBytes());
    }

    /** Reads a manifest this class wrote. */
    public static DatasetManifest parse(String text) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<StoredFile> files = new ArrayList<>();
        json.get("files").forEach(f -> files.add(new StoredFile(f.get("role").textValue(),
                Digest.parse(f.get("digest").textValue()), f.get("size").longValue())));
        List<String> classes = new ArrayList<>();
        json.get("classes").forEach(c -> classes.add(c.textValue()));
        JsonNode shape = json.get("shape");
        Map<String, int[]> perClass = new LinkedHashMap<>();
        for (String split : NpzDataset.SPLITS) {
            JsonNode s = json.get("splits").get(split);
            if (s != null) {
                int[] counts = new int[s.get("perClass").size()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = s.get("perClass").get(i).intValue();
                }
                perClass.put(split, counts);
            }
        }
        JsonNode derived = json.get("derivedTest");
        JsonNode groups = json.get("groups");
        return new DatasetManifest(DatasetFormat.named(json.get("format").textValue()), files, classes,
                shape.get("channels").intValue(), shape.get("height").intValue(), shape.get("width").intValue(),
                perClass, derived != null, derived != null && derived.get("byGroup").booleanValue(),
                text(json, "labelColumn"), text(json, "groupColumn"),
                groups != null && !groups.isNull() ? groups.intValue() : 0);
    }

    /** A member that is a string, else null (absent, null or of another type). */
    private static String text(JsonNode json, String member) {
        JsonNode value = json.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
