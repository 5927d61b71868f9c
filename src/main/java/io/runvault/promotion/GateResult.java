package io.runvault.promotion;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One gate's verdict, kept as evidence with the promotion request. */
@Schema(name = "GateResult")
public record GateResult(
        @Schema(required = true) String gate,
        @Schema(required = true) String expected,
        @Schema(required = true) String actual,
        @Schema(required = true) boolean passed) {
}
