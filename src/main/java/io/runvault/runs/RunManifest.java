package io.runvault.runs;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The content of a run, as committed. Validated by {@link ManifestReader}; its RFC 8785 canonical
 * bytes are what the run id hashes and what {@code GET .../manifest} returns.
 */
@Schema(name = "RunManifest", description = "What a pipeline commits: the run's content. Unknown members are refused.")
public record RunManifest(
        @Schema(required = true, description = "Experiment the run belongs to", example = "fashion-baseline") String experiment,
        @Schema(required = true, description = "When the run was made, RFC 3339; set by the client, part of the content", example = "2026-11-24T10:15:00Z") Instant createdAt,
        @Schema(description = "Hyperparameters: string, number or boolean values") SortedMap<String, Object> params,
        @Schema(description = "Final metric values") SortedMap<String, Double> metrics,
        @Schema(description = "Per-epoch metric series") SortedMap<String, List<Double>> series,
        @Schema(description = "Free-form labels") SortedMap<String, String> tags,
        Lineage lineage,
        @Schema(required = true, description = "The run's files; each blob must already be uploaded") List<FileEntry> files) {

    public RunManifest {
        params = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(params));
        metrics = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(metrics));
        series = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(series));
        tags = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tags));
        lineage = lineage == null ? Lineage.NONE : lineage;
        files = List.copyOf(files);
    }

    /** RFC 8785 bytes: the run's identity. */
    public byte[] canonicalBytes() {
        try {
            return new JsonCanonicalizer(toJson()).getEncodedUTF8();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A validated manifest failed to canonicalize", e);
        }
    }

    private String toJson() {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.createGenerator(text)) {
            json.writeStartObject();
            json.write("experiment", experiment);
            json.write("createdAt", createdAt.toString());
            json.writeStartObject("params");
            params.forEach((key, value) -> {
                if (value instanceof Boolean flag) {
                    json.write(key, flag);
                } else if (value instanceof Double number) {
                    json.write(key, number);
                } else {
                    json.write(key, String.valueOf(value));
                }
            });
            json.writeEnd();
            json.writeStartObject("metrics");
            metrics.forEach(json::write);
            json.writeEnd();
            json.writeStartObject("series");
            series.forEach((key, values) -> {
                json.writeStartArray(key);
                values.forEach(json::write);
                json.writeEnd();
            });
            json.writeEnd();
            json.writeStartObject("tags");
            tags.forEach(json::write);
            json.writeEnd();
            json.writeStartObject("lineage");
            json.writeStartArray("parents");
            lineage.parents().forEach(json::write);
            json.writeEnd();
            writeIfPresent(json, "datasetDigest", lineage.datasetDigest());
            writeIfPresent(json, "datasetName", lineage.datasetName());
            writeIfPresent(json, "codeVersion", lineage.codeVersion());
            writeIfPresent(json, "environmentDigest", lineage.environmentDigest());
            json.writeEnd();
            json.writeStartArray("files");
            for (FileEntry file : files) {
                json.writeStartObject()
                        .write("path", file.path())
                        .write("digest", file.digest())
                        .write("size", file.size())
                        .write("mediaType", file.mediaType())
                        .writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
        }
        return text.toString();
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.write(name, value);
        }
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    /** For tests and tools: the canonical text. */
    public String canonicalText() {
        return new String(canonicalBytes(), StandardCharsets.UTF_8);
    }
}
