package io.runvault.runs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a run came from. Parents must be committed runs; the rest is recorded as given. */
@Schema(name = "Lineage")
public record Lineage(
        @Schema(description = "Ids of the runs this one derives from (already committed)") List<String> parents,
        @Schema(description = "blake2b digest of the dataset manifest") String datasetDigest,
        @Schema(description = "Dataset name, used in the run's human name", example = "fashion-mnist") String datasetName,
        @Schema(description = "Code version, e.g. a git commit", example = "git:3f2a9c1") String codeVersion,
        @Schema(description = "blake2b digest of the environment lock file") String environmentDigest) {

    public static final Lineage NONE = new Lineage(List.of(), null, null, null, null);

    public Lineage {
        parents = parents == null ? List.of() : List.copyOf(parents);
    }
}
