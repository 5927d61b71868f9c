package io.runvault.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ModelVersion")
public record VersionView(
        @Schema(required = true) String model,
        @Schema(required = true) int version,
        @Schema(required = true) String stage,
        @Schema(required = true) String runId,
        @Schema(required = true) String runName,
        @Schema(required = true, description = "The file in the run that is the model") String path,
        @Schema(required = true) String createdBy,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true, description = "The run's final metrics") Map<String, Double> metrics,
        @Schema(required = true) List<TransitionView> history) {
}
