package io.runvault.promotion;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract of the 422 {@code gates-failed} problem: the RFC 9457 members plus the refused
 * request's id and every gate's evidence (with {@code passed} a boolean, as in {@code GET /promotions/{id}}).
 * Documentation only: the body itself is written by the problem mapper.
 */
@Schema(name = "GatesFailedProblem", description = "RFC 9457 problem for a promotion refused by its gates")
public record GatesFailedProblem(
        @Schema(required = true, example = "/problems/gates-failed") String type,
        @Schema(required = true) String title,
        @Schema(required = true, example = "422") int status,
        @Schema(required = true) String detail,
        String instance,
        @Schema(required = true, description = "The refused request, kept as history") String requestId,
        @Schema(required = true, description = "Every gate's verdict") List<GateResult> evidence) {
}
