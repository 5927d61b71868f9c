package io.runvault.jobs.evaluate;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of a comparison job spec (parsed strictly by {@link CompareJobSpec}). */
@Schema(name = "CompareJobSpec", extensions = @Extension(name = "x-kind", value = "compare"), description = "Scores 2-20 runs' models on the same images, compares them pairwise "
        + "(McNemar, paired bootstrap) and groups runs whose parameters differ only by seed; commits a comparison run "
        + "with the runs as parents.")
public record CompareJobRequest(
        @Schema(required = true, description = "compare", example = "compare") String kind,
        @Schema(required = true, description = "Ids of the runs to compare") List<String> runs,
        @Schema(required = true, description = "fashion-mnist or a registered dataset", example = "fashion-mnist") String dataset,
        @Schema(description = "test (default), val or train") String split,
        @Schema(description = "A seeded stratified subset of this many images (0, the default: all)") Integer samples,
        @Schema(description = "auto (default), onnx or djl, for every run") String engine,
        @Schema(description = "Experiment of the comparison run") String experiment,
        @Schema(description = "Seed of the subset and the bootstrap; default 42") Long seed) {
}
