package io.runvault.jobs.evaluate;

import static io.runvault.jobs.evaluate.EvaluationRequest.DATASET_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.ENGINES;
import static io.runvault.jobs.evaluate.EvaluationRequest.ENGINE_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.EXPERIMENT_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.RUN_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.SAMPLES_MESSAGE;
import static io.runvault.jobs.evaluate.EvaluationRequest.SPLITS;
import static io.runvault.jobs.evaluate.EvaluationRequest.SPLIT_MESSAGE;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.runvault.evaluation.Corruption;
import io.runvault.export.Normalization;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A robustness job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: a run's
 * model scored on clean and corrupted copies of a split. Absent members take their defaults here
 * (every severity, every corruption); repeated severities and corruptions count once.
 */
@Schema(name = "RobustnessJobSpec", extensions = @Extension(name = "x-kind", value = RobustnessJobKind.NAME), description = "Scores a run's model on clean and corrupted copies of a dataset split "
        + "(seeded corruptions at severities 1-5) and commits a robustness run with the run as its parent.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RobustnessJobRequest(
        @Schema(required = true, description = "robustness", example = "robustness")
        @Pattern(regexp = RobustnessJobKind.NAME, message = "is " + RobustnessJobKind.NAME) String kind,
        @Schema(required = true, description = "Id of the run whose model is evaluated")
        @NotNull(message = RUN_MESSAGE) String run,
        @Schema(required = true, description = "fashion-mnist or a registered dataset", example = "fashion-mnist")
        @NotNull(message = DATASET_MESSAGE) String dataset,
        @Schema(description = "test (default), val or train")
        @Pattern(regexp = SPLITS, message = SPLIT_MESSAGE) String split,
        @Schema(description = "A seeded stratified subset of this many images (0, the default: all)")
        @Min(value = 0, message = SAMPLES_MESSAGE) Integer samples,
        @Schema(description = "auto (default), onnx or djl")
        @Pattern(regexp = ENGINES, message = ENGINE_MESSAGE) String engine,
        @Schema(description = "Experiment of the robustness run")
        @Size(min = 1, max = 200, message = EXPERIMENT_MESSAGE)
        @Pattern(regexp = ".*\\S.*", message = EXPERIMENT_MESSAGE) String experiment,
        @Schema(description = "Seed of the subset and of the corruptions; default 42") Long seed,
        @Schema(description = "Severities 1-5; default all five")
        @Size(min = 1, message = "name at least one severity (1-5)")
        List<@Min(value = Corruption.MIN_SEVERITY, message = RobustnessJobRequest.SEVERITY_MESSAGE)
                @Max(value = Corruption.MAX_SEVERITY, message = RobustnessJobRequest.SEVERITY_MESSAGE) Integer> severities,
        @Schema(description = "gaussian_noise, salt_and_pepper, gaussian_blur, brightness, contrast, rotation, occlusion, "
                + "jpeg_compression; default all") List<String> corruptions,
        @Schema(description = "Preprocessing that overrides the model's own")
        @Valid EvaluateJobRequest.NormalizationRequest normalization) implements EvaluationRequest {

    static final String SEVERITY_MESSAGE = "are 1-5";

    public RobustnessJobRequest {
        kind = kind == null ? RobustnessJobKind.NAME : kind;
        split = split == null ? "test" : split;
        samples = samples == null ? 0 : samples;
        engine = engine == null ? "auto" : engine;
        experiment = experiment == null ? "default" : experiment;
        seed = seed == null ? DEFAULT_SEED : seed;
        severities = severities == null ? List.of(1, 2, 3, 4, 5)
                : severities.stream().filter(Objects::nonNull).distinct().sorted().toList();
        corruptions = corruptions == null ? Arrays.stream(Corruption.values()).map(Corruption::id).toList()
                : corruptions.stream().filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public List<String> runIds() {
        return run == null ? List.of() : List.of(run);
    }

    /** Every corruption named is known, and there is at least one; the normalization holds. */
    @Override
    public void checkMembers(List<String> errors) {
        List<String> known = Arrays.stream(Corruption.values()).map(Corruption::id).toList();
        if (corruptions.isEmpty()) {
            errors.add("corruptions names at least one of " + known);
        }
        for (String id : corruptions) {
            if (!known.contains(id)) {
                errors.add("corruption '" + id + "' is not known " + known);
            }
        }
        EvaluateJobRequest.NormalizationRequest.check(normalization, errors);
    }

    /** The severities in ascending order. */
    public int[] severityLevels() {
        return severities.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The corruptions in the request's order (every one known once the request is bound). */
    public List<Corruption> corruptionTypes() {
        return corruptions.stream().map(Corruption::fromId).toList();
    }

    /** The preprocessing asked for, or null for the model's own. */
    public Normalization normalizationOverride() {
        return normalization == null ? null : normalization.toNormalization();
    }
}
