package io.runvault.jobs.evaluate;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of a robustness job spec (parsed strictly by {@link RobustnessJobSpec}). */
@Schema(name = "RobustnessJobSpec", extensions = @Extension(name = "x-kind", value = "robustness"), description = "Scores a run's model on clean and corrupted copies of a dataset split "
        + "(seeded corruptions at severities 1-5) and commits a robustness run with the run as its parent.")
public record RobustnessJobRequest(
        @Schema(required = true, description = "robustness", example = "robustness") String kind,
        @Schema(required = true, description = "Id of the run whose model is evaluated") String run,
        @Schema(required = true, description = "fashion-mnist or a registered dataset", example = "fashion-mnist") String dataset,
        @Schema(description = "test (default), val or train") String split,
        @Schema(description = "A seeded stratified subset of this many images (0, the default: all)") Integer samples,
        @Schema(description = "auto (default), onnx or djl") String engine,
        @Schema(description = "Experiment of the robustness run") String experiment,
        @Schema(description = "Seed of the subset and of the corruptions; default 42") Long seed,
        @Schema(description = "Severities 1-5; default all five") List<Integer> severities,
        @Schema(description = "gaussian_noise, salt_and_pepper, gaussian_blur, brightness, contrast, rotation, occlusion, "
                + "jpeg_compression; default all") List<String> corruptions,
        @Schema(description = "Preprocessing that overrides the model's own") EvaluateJobRequest.NormalizationRequest normalization) {
}
