package io.runvault.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A whole run: its content (the manifest) plus the commit facts kept beside it. */
@Schema(name = "Run")
public record RunView(
        @Schema(required = true) String id,
        @Schema(required = true) String name,
        @Schema(required = true) String experiment,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant committedAt,
        @Schema(required = true) String committedBy,
        @Schema(required = true) Map<String, Object> params,
        @Schema(required = true) Map<String, Double> metrics,
        @Schema(required = true) Map<String, List<Double>> series,
        @Schema(required = true) Map<String, String> tags,
        @Schema(required = true) Lineage lineage,
        @Schema(required = true) List<FileEntry> files) {

    static RunView of(RunEntity run, RunManifest manifest) {
        return new RunView(run.id(), run.name(), manifest.experiment(), manifest.createdAt(), run.committedAt(),
                run.committedBy(), manifest.params(), manifest.metrics(), manifest.series(), manifest.tags(),
                manifest.lineage(), manifest.files());
    }
}
