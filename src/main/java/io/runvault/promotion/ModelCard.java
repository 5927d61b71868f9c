package io.runvault.promotion;

import io.runvault.models.TransitionView;
import io.runvault.runs.FileEntry;
import io.runvault.runs.Lineage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything a reviewer needs about one model version on one page: what it is, where it came
 * from, how it scored, which gates it passed, who approved it and how its stage changed.
 */
@Schema(name = "ModelCard")
public record ModelCard(
        @Schema(required = true) String model,
        @Schema(required = true) String description,
        @Schema(required = true) String owner,
        @Schema(required = true) int version,
        @Schema(required = true) String stage,
        @Schema(required = true) Instant registeredAt,
        @Schema(required = true) String registeredBy,
        @Schema(required = true, description = "The file in the run that is the model") FileEntry file,
        @Schema(required = true) String runId,
        @Schema(required = true) String runName,
        @Schema(required = true) String experiment,
        @Schema(required = true) String runCommittedBy,
        @Schema(required = true) Lineage lineage,
        @Schema(required = true) Map<String, Object> params,
        @Schema(required = true) Map<String, Double> metrics,
        @Schema(required = true) Map<String, String> tags,
        @Schema(required = true, description = "Every promotion request for this version, oldest first, with its gate evidence")
        List<PromotionView> promotions,
        @Schema(required = true, description = "Who approved this version for production, and when")
        List<Approval> approvals,
        @Schema(required = true) List<TransitionView> history) {

    @Schema(name = "Approval")
    public record Approval(
            @Schema(required = true) String requestId,
            @Schema(required = true) String approvedBy,
            @Schema(required = true) Instant approvedAt,
            @Schema(required = true) String requestedBy) {
    }
}
