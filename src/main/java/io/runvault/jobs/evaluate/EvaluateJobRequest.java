package io.runvault.jobs.evaluate;

import static io.runvault.jobs.evaluate.EvaluationRequest.RUN_MESSAGE;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runvault.export.Normalization;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An evaluation job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: which
 * run's model, on which split of which dataset, through which engine. Absent members take their
 * defaults here, so the stored request is complete.
 */
@Schema(name = "EvaluateJobSpec", extensions = @Extension(name = "x-kind", value = EvaluateJobKind.NAME), description = "Scores a run's model (its ONNX file or DJL checkpoint) on a dataset split "
        + "and commits an evaluation run with the run as its parent.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluateJobRequest(
        @Schema(required = true, description = "evaluate", example = "evaluate")
        @Pattern(regexp = EvaluateJobKind.NAME, message = "is " + EvaluateJobKind.NAME) String kind,
        @Schema(required = true, description = "Id of the run whose model is evaluated")
        @NotNull(message = RUN_MESSAGE) String run,
        @JsonUnwrapped @Valid EvaluationScope scope,
        @Schema(description = "Preprocessing that overrides the model's own") @Valid NormalizationRequest normalization)
        implements EvaluationRequest {

    public EvaluateJobRequest {
        kind = kind == null ? EvaluateJobKind.NAME : kind;
    }

    @Override
    public List<String> runIds() {
        return run == null ? List.of() : List.of(run);
    }

    @Override
    public void checkMembers(List<String> errors) {
        NormalizationRequest.check(normalization, errors);
    }

    /** The preprocessing asked for, or null for the model's own. */
    public Normalization normalizationOverride() {
        return normalization == null ? null : normalization.toNormalization();
    }

    /** Input preprocessing: (pixel * scale - mean[c]) / std[c] with pixel the 8-bit value. */
    @Schema(name = "Normalization", description = "Model input = (pixel * scale - mean[c]) / std[c], pixel in 0-255. "
            + "Default: the model's input_normalisation metadata, else scale 1/255, mean 0, std 1.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NormalizationRequest(
            @Schema(description = "Multiplier of the 0-255 pixel value; default 1/255") Double scale,
            @Schema(description = "One value or one per channel; default 0")
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @Size(min = 1, message = "has one value or one per channel") List<Double> mean,
            @Schema(description = "One value or one per channel; default 1")
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @Size(min = 1, message = "has one value or one per channel") List<Double> std) {

        /** The preprocessing, absent members at their defaults; a broken rule throws IllegalArgumentException. */
        public Normalization toNormalization() {
            return new Normalization(scale == null ? 1.0 / 255 : scale, values(mean, 0), values(std, 1));
        }

        /** Adds the reason a present normalization breaks one of {@link Normalization}'s rules. */
        static void check(NormalizationRequest normalization, List<String> errors) {
            if (normalization == null || errors.stream().anyMatch(e -> e.startsWith("normalization"))) {
                return;
            }
            try {
                normalization.toNormalization();
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }

        private static double[] values(List<Double> values, double fallback) {
            return values == null ? new double[] {fallback} : values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
