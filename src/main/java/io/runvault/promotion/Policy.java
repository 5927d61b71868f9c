package io.runvault.promotion;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A model's promotion policy: the gates for each stage a version can be promoted to. */
@Schema(name = "PromotionPolicy")
public record Policy(
        @Schema(description = "Gates for raw -> validated") List<GateSpec> validated,
        @Schema(description = "Gates for validated -> production (approval is always needed too)") List<GateSpec> production) {

    public Policy {
        validated = validated == null ? List.of() : List.copyOf(validated);
        production = production == null ? List.of() : List.copyOf(production);
    }
}
