package io.runvault.jobs.tune;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One trial of a study as clients see it. */
@Schema(name = "StudyTrial")
public record TrialView(
        @Schema(required = true, description = "0-based trial number") int number,
        @Schema(required = true, description = "RUNNING, COMPLETE, PRUNED or FAIL (Optuna's names)") String state,
        @Schema(required = true, description = "The sampled training fields") Map<String, Object> params,
        @Schema(description = "Objective value (COMPLETE), or the last intermediate value (PRUNED)") Double value,
        @Schema(required = true, description = "Objective value after each epoch, by epoch") Map<String, Double> intermediateValues,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Why a FAIL trial failed") String failure) {
}
