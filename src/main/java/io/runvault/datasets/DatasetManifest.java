package io.runvault.datasets;

import io.runvault.store.Digest;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
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
        JsonArrayBuilder fileArray = Json.createArrayBuilder();
        files.forEach(f -> fileArray.add(Json.createObjectBuilder().add("role", f.role())
                .add("digest", f.digest().toString()).add("size", f.size())));
        JsonArrayBuilder classArray = Json.createArrayBuilder();
        classes.forEach(classArray::add);
        JsonObjectBuilder splits = Json.createObjectBuilder();
        perClass.forEach((split, counts) -> {
            JsonArrayBuilder c = Json.createArrayBuilder();
            for (int n : counts) {
                c.add(n);
            }
            splits.add(split, Json.createObjectBuilder().add("count", count(split)).add("perClass", c));
        });
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("manifestVersion", 1)
                .add("format", format.wire())
                .add("files", fileArray)
                .add("classes", classArray)
                .add("shape", Json.createObjectBuilder().add("channels", channels).add("height", height).add("width", width))
                .add("splits", splits);
        if (testDerived) {
            json.add("derivedTest", Json.createObjectBuilder().add("fraction", ParsedDataset.DERIVED_TEST_FRACTION)
                    .add("seed", ParsedDataset.DERIVED_TEST_SEED).add("byGroup", groupedSplit));
        }
        if (labelColumn != null) {
            json.add("labelColumn", labelColumn);
        }
        if (groupColumn != null) {
            json.add("groupColumn", groupColumn).add("groups", groups);
        }
        try {
            return new JsonCanonicalizer(json.build().toString()).getEncodedString();
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
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        List<StoredFile> files = new ArrayList<>();
        json.getJsonArray("files").forEach(v -> {
            JsonObject f = v.asJsonObject();
            files.add(new StoredFile(f.getString("role"), Digest.parse(f.getString("digest")),
                    f.getJsonNumber("size").longValue()));
        });
        List<String> classes = json.getJsonArray("classes").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
        JsonObject shape = json.getJsonObject("shape");
        Map<String, int[]> perClass = new LinkedHashMap<>();
        for (String split : NpzDataset.SPLITS) {
            JsonObject s = json.getJsonObject("splits").getJsonObject(split);
            if (s != null) {
                perClass.put(split, s.getJsonArray("perClass").getValuesAs(JsonNumber.class).stream()
                        .mapToInt(JsonNumber::intValue).toArray());
            }
        }
        JsonObject derived = json.getJsonObject("derivedTest");
        return new DatasetManifest(DatasetFormat.named(json.getString("format")), files, classes,
                shape.getInt("channels"), shape.getInt("height"), shape.getInt("width"), perClass, derived != null,
                derived != null && derived.getBoolean("byGroup"), json.getString("labelColumn", null),
                json.getString("groupColumn", null), json.containsKey("groups") && json.get("groups") != JsonValue.NULL
                        ? json.getInt("groups") : 0);
    }
}
