package io.runvault.jobs.evaluate;

import static io.runvault.jobs.evaluate.EvaluationRequest.RUN_MESSAGE;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
        @JsonUnwrapped @Valid EvaluationScope scope,
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
