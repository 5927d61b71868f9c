package io.runvault.jobs;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How far a job is, with an estimate of the time left from this execution's pace. */
@Schema(name = "JobProgress")
public record JobProgress(
        @Schema(required = true, description = "Current (or last finished) epoch, 1-based; 0 before the first step") int epoch,
        @Schema(required = true) int totalEpochs,
        @Schema(required = true, description = "Step within the epoch") int step,
        @Schema(required = true) int stepsPerEpoch,
        @Schema(required = true, description = "0-100") double percent,
        @Schema(description = "Estimated seconds left; absent until the pace is known") Long etaSeconds,
        @Schema(required = true, description = "The last finished epoch's metrics") Map<String, Double> latestMetrics) {
}
