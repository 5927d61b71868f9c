package io.runvault.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
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
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("experiment", experiment);
        json.put("createdAt", createdAt.toString());
        ObjectNode paramMembers = json.putObject("params");
        params.forEach((key, value) -> {
            if (value instanceof Boolean flag) {
                paramMembers.put(key, flag);
            } else if (value instanceof Double number) {
                paramMembers.put(key, number);
            } else {
                paramMembers.put(key, String.valueOf(value));
            }
        });
        ObjectNode metricMembers = json.putObject("metrics");
        metrics.forEach(metricMembers::put);
        ObjectNode seriesMembers = json.putObject("series");
        series.forEach((key, values) -> values.forEach(seriesMembers.putArray(key)::add));
        ObjectNode tagMembers = json.putObject("tags");
        tags.forEach(tagMembers::put);
        ObjectNode lineageMembers = json.putObject("lineage");
        lineage.parents().forEach(lineageMembers.putArray("parents")::add);
        putIfPresent(lineageMembers, "datasetDigest", lineage.datasetDigest());
        putIfPresent(lineageMembers, "datasetName", lineage.datasetName());
        putIfPresent(lineageMembers, "codeVersion", lineage.codeVersion());
        putIfPresent(lineageMembers, "environmentDigest", lineage.environmentDigest());
        ArrayNode fileArray = json.putArray("files");
        for (FileEntry file : files) {
            fileArray.addObject()
                    .put("path", file.path())
                    .put("digest", file.digest())
                    .put("size", file.size())
                    .put("mediaType", file.mediaType());
        }
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A manifest tree failed to serialize", e);
        }
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
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
