package io.runvault.jobs.evaluate;

import static io.runvault.jobs.evaluate.EvaluationRequest.DATASET_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.DEFAULT_SEED;
import static io.runvault.jobs.evaluate.EvaluationRequest.ENGINES;
import static io.runvault.jobs.evaluate.EvaluationRequest.ENGINE_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.EXPERIMENT_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.SAMPLES_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.SPLITS;
import static io.runvault.jobs.evaluate.EvaluationRequest.SPLIT_MESSAGE;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the evaluate, robustness and compare requests share, composed flat into their JSON: the
 * images scored, the engine the models are opened with, the experiment of the committed run and
 * the seed of every random draw. Absent members take their defaults here.
 */
@Schema(name = "EvaluationScope", description = "The images an evaluation kind scores, the engine, the experiment "
        + "of its run and its seed.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationScope(
        @Schema(required = true, description = "fashion-mnist or a registered dataset", example = "fashion-mnist")
        @NotNull(message = DATASET_MESSAGE) String dataset,
        @Schema(description = "test (default), val or train")
        @Pattern(regexp = SPLITS, message = SPLIT_MESSAGE) String split,
        @Schema(description = "A seeded stratified subset of this many images (0, the default: all)")
        @Min(value = 0, message = SAMPLES_MESSAGE) Integer samples,
        @Schema(description = "auto (default: a run's ONNX file when it has one, else its DJL checkpoint), onnx or djl")
        @Pattern(regexp = ENGINES, message = ENGINE_MESSAGE) String engine,
        @Schema(description = "Experiment of the committed run; default \"default\"", example = "fashion-eval")
        @Size(min = 1, max = 200, message = EXPERIMENT_MESSAGE)
        @Pattern(regexp = ".*\\S.*", message = EXPERIMENT_MESSAGE) String experiment,
        @Schema(description = "Seed of the subset and of the kind's random draws (bootstrap intervals, corruptions); "
                + "default 42") Long seed) {

    public EvaluationScope {
        split = split == null ? "test" : split;
        samples = samples == null ? 0 : samples;
        engine = engine == null ? "auto" : engine;
        experiment = experiment == null ? "default" : experiment;
        seed = seed == null ? DEFAULT_SEED : seed;
    }
}
