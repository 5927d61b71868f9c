package io.runvault.promotion;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PromotionAsk")
public record PromotionAsk(
        @Schema(required = true, example = "fashion-classifier") String model,
        @Schema(required = true) Integer version,
        @Schema(required = true, description = "validated or production") String targetStage,
        @Schema(required = true, description = "Why, at most 2000 characters") String reason) {
}
