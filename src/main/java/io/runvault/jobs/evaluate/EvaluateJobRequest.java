package io.runvault.jobs.evaluate;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of an evaluation job spec (parsed strictly by {@link EvaluateJobSpec}). */
@Schema(name = "EvaluateJobSpec", extensions = @Extension(name = "x-kind", value = "evaluate"), description = "Scores a run's model (its ONNX file or DJL checkpoint) on a dataset split "
        + "and commits an evaluation run with the run as its parent.")
public record EvaluateJobRequest(
        @Schema(required = true, description = "evaluate", example = "evaluate") String kind,
        @Schema(required = true, description = "Id of the run whose model is evaluated") String run,
        @Schema(required = true, description = "fashion-mnist or a registered dataset", example = "fashion-mnist") String dataset,
        @Schema(description = "test (default), val or train") String split,
        @Schema(description = "A seeded stratified subset of this many images (0, the default: all)") Integer samples,
        @Schema(description = "auto (default: the run's ONNX file when it has one, else its DJL checkpoint), onnx or djl") String engine,
        @Schema(description = "Experiment of the evaluation run", example = "fashion-eval") String experiment,
        @Schema(description = "Seed of the subset, the bootstrap intervals and the prediction grid; default 42") Long seed,
        @Schema(description = "Preprocessing that overrides the model's own") NormalizationRequest normalization) {

    /** Input preprocessing: (pixel * scale - mean[c]) / std[c] with pixel the 8-bit value. */
    @Schema(name = "Normalization", description = "Model input = (pixel * scale - mean[c]) / std[c], pixel in 0-255. "
            + "Default: the model's input_normalisation metadata, else scale 1/255, mean 0, std 1.")
    public record NormalizationRequest(
            @Schema(description = "Multiplier of the 0-255 pixel value; default 1/255") Double scale,
            @Schema(description = "One value or one per channel; default 0") List<Double> mean,
            @Schema(description = "One value or one per channel; default 1") List<Double> std) {
    }
}
