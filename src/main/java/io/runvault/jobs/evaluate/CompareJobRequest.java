package io.runvault.jobs.evaluate;

import static io.runvault.jobs.evaluate.EvaluationRequest.DATASET_MESSAGE;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A comparison job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: several
 * runs' models scored on the same images, compared pairwise, and grouped by their parameters apart
 * from the seed. A run named twice counts once.
 */
@Schema(name = "CompareJobSpec", extensions = @Extension(name = "x-kind", value = CompareJobKind.NAME), description = "Scores 2-20 runs' models on the same images, compares them pairwise "
        + "(McNemar, paired bootstrap) and groups runs whose parameters differ only by seed; commits a comparison run "
        + "with the runs as parents.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompareJobRequest(
        @Schema(required = true, description = "compare", example = "compare")
        @Pattern(regexp = CompareJobKind.NAME, message = "is " + CompareJobKind.NAME) String kind,
        @Schema(required = true, description = "Ids of the runs to compare")
        @NotNull(message = "is required (the ids of 2-" + CompareJobRequest.MAX_RUNS + " runs to compare)")
        @Size(min = 2, max = CompareJobRequest.MAX_RUNS, message = "names 2-" + CompareJobRequest.MAX_RUNS + " distinct runs")
        List<String> runs,
        @Schema(required = true, description = "fashion-mnist or a registered dataset", example = "fashion-mnist")
        @NotNull(message = DATASET_MESSAGE) String dataset,
        @Schema(description = "test (default), val or train")
        @Pattern(regexp = SPLITS, message = SPLIT_MESSAGE) String split,
        @Schema(description = "A seeded stratified subset of this many images (0, the default: all)")
        @Min(value = 0, message = SAMPLES_MESSAGE) Integer samples,
        @Schema(description = "auto (default), onnx or djl, for every run")
        @Pattern(regexp = ENGINES, message = ENGINE_MESSAGE) String engine,
        @Schema(description = "Experiment of the comparison run")
        @Size(min = 1, max = 200, message = EXPERIMENT_MESSAGE)
        @Pattern(regexp = ".*\\S.*", message = EXPERIMENT_MESSAGE) String experiment,
        @Schema(description = "Seed of the subset and the bootstrap; default 42") Long seed) implements EvaluationRequest {

    static final int MAX_RUNS = 20;

    public CompareJobRequest {
        kind = kind == null ? CompareJobKind.NAME : kind;
        runs = runs == null ? null : List.copyOf(new LinkedHashSet<>(runs.stream().filter(Objects::nonNull).toList()));
        split = split == null ? "test" : split;
        samples = samples == null ? 0 : samples;
        engine = engine == null ? "auto" : engine;
        experiment = experiment == null ? "default" : experiment;
        seed = seed == null ? DEFAULT_SEED : seed;
    }

    @Override
    public List<String> runIds() {
        return runs == null ? List.of() : runs;
    }
}
