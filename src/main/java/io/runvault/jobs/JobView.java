package io.runvault.jobs;

import java.time.Instant;
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
        @Schema(required = true) JobProgress progress,
        @Schema(description = "The epoch a restart resumes after (its checkpoint is kept)") Integer checkpointEpoch,
        @Schema(description = "The run the job committed") String runId,
        @Schema(description = "Why the job failed or stopped") String failure,
        @Schema(required = true, description = "The spec as submitted") Map<String, Object> spec) {
}
