package io.runvault.jobs.tune;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tuning job's study: its settings, where it is, its best trial and every trial. */
@Schema(name = "Study")
public record StudyView(
        @Schema(required = true) String jobId,
        @Schema(required = true) String name,
        @Schema(required = true, description = "queued, running, stopped, failed or completed") String state,
        @Schema(required = true, example = "val_auc") String metric,
        @Schema(required = true, description = "maximize or minimize") String direction,
        @Schema(required = true, description = "tpe, random or grid") String sampler,
        @Schema(required = true, description = "median, halving or none") String pruner,
        @Schema(required = true) long seed,
        @Schema(required = true, description = "Trials planned") int plannedTrials,
        @Schema(required = true) int concurrency,
        @Schema(required = true, description = "Training field -> distribution, as submitted") Map<String, Object> searchSpace,
        @Schema(description = "The best COMPLETE trial so far") TrialView best,
        @Schema(description = "The run with the study's files (summary, Optuna database, figures)") String studyRunId,
        @Schema(description = "The best configuration retrained on training and validation data") String finalRunId,
        Instant createdAt,
        @Schema(required = true) List<TrialView> trials) {
}
