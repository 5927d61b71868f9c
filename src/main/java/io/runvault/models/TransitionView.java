package io.runvault.models;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StageTransition")
public record TransitionView(
        @Schema(description = "Absent for the version's creation") String from,
        @Schema(required = true) String to,
        @Schema(required = true) String actor,
        @Schema(required = true) Instant at,
        @Schema(required = true) String reason,
        @Schema(description = "The promotion request that caused it") String requestId) {
}
