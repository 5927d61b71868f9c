package io.runvault.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Job")
public record JobView(
        @Schema(required = true) String id,
        @Schema(required = true, example = "train") String kind,
        @Schema(required = true) String experiment,
        @Schema(required = true, description = "queued, running, stopping, stopped, failed or completed") String state,
        @Schema(required = true) String submittedBy,
        @Schema(required = true) Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(required = true) Progress progress,
        @Schema(description = "The epoch a restart resumes after (its checkpoint is kept)") Integer checkpointEpoch,
        @Schema(description = "The run the job committed") String runId,
        @Schema(description = "Why the job failed or stopped") String failure,
        @Schema(required = true, description = "The spec as submitted") Map<String, Object> spec) {

    /** How far a job is, with an estimate of the time left from this execution's pace. */
    @Schema(name = "JobProgress")
    public record Progress(
            @Schema(required = true, description = "Current (or last finished) epoch, 1-based; 0 before the first step") int epoch,
            @Schema(required = true) int totalEpochs,
            @Schema(required = true, description = "Step within the epoch") int step,
            @Schema(required = true) int stepsPerEpoch,
            @Schema(required = true, description = "0-100") double percent,
            @Schema(description = "Estimated seconds left; absent until the pace is known") Long etaSeconds,
            @Schema(required = true, description = "The last finished epoch's metrics") Map<String, Double> latestMetrics) {
    }

    /** One page of jobs, newest first. */
    @Schema(name = "JobPage")
    public record Page(@Schema(required = true) List<JobView> items) {
    }
}
