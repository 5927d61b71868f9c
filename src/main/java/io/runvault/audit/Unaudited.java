package io.runvault.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Stored changes of one kind that have no audit event. */
@Schema(name = "UnauditedChanges")
public record Unaudited(
        @Schema(required = true, description = "The action their events would have, e.g. run.commit", example = "run.commit") String action,
        @Schema(required = true, description = "How many such changes are stored without their event") long count,
        @Schema(required = true, description = "The first of their targets (at most " + Unaudited.SHOWN + "), e.g. run ids") List<String> targets) {

    public static final int SHOWN = 20;

    public Unaudited {
        targets = List.copyOf(targets);
    }
}
