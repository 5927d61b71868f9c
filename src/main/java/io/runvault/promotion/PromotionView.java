package io.runvault.promotion;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PromotionRequest")
public record PromotionView(
        @Schema(required = true) String id,
        @Schema(required = true) String model,
        @Schema(required = true) int version,
        @Schema(required = true) String targetStage,
        @Schema(required = true, description = "applied, refused, pending, approved or rejected") String status,
        @Schema(required = true) String requestedBy,
        @Schema(required = true) String reason,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) List<GateResult> evidence,
        String decidedBy,
        Instant decidedAt,
        String decisionReason) {
}
