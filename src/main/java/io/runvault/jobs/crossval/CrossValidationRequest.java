package io.runvault.jobs.crossval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runvault.training.DataSelection;
import io.runvault.training.TrainingParameters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A cross-validation job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: the
 * data selection and training parameters of a training job (flat in the JSON; no valFraction, since
 * each fold validates on its own part of the pool, and no model, since k fold models are not one
 * model version: sending either is refused with that reason), plus folds and concurrency.
 */
@Schema(name = "CrossValidationJobSpec", extensions = @Extension(name = "x-kind", value = CrossValidationJobKind.NAME), description = "A k-fold cross-validation job: one training run per fold and a "
        + "parent run with the fold splits and the mean and std of every metric. kind and dataset are required.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrossValidationRequest(
        @Schema(required = true, description = "cross-validate", example = "cross-validate")
        @NotNull(message = "is " + CrossValidationJobKind.NAME)
        @Pattern(regexp = CrossValidationJobKind.NAME, message = "is " + CrossValidationJobKind.NAME) String kind,
        @Schema(description = "Number of folds k, 2-20; default 5")
        @Min(value = 2, message = "is 2-" + CrossValidationSpec.MAX_FOLDS)
        @Max(value = CrossValidationSpec.MAX_FOLDS, message = "is 2-" + CrossValidationSpec.MAX_FOLDS) Integer folds,
        @Schema(description = "Folds trained at once, 1-k; default 1")
        @Min(value = 1, message = "(folds trained at once) is 1-folds") Integer concurrency,
        @JsonUnwrapped @Valid DataSelection data,
        @JsonUnwrapped @Valid TrainingParameters training,
        @Schema(hidden = true) @Null(message = "does not apply to cross-validation: each fold validates on its own "
                + "1/k of the pool") Double valFraction,
        @Schema(hidden = true) @Null(message = "does not apply to cross-validation: register one of the fold runs, "
                + "or a train job's run") String model) {

    public CrossValidationRequest {
        folds = folds == null ? CrossValidationSpec.DEFAULT_FOLDS : folds;
        concurrency = concurrency == null ? 1 : concurrency;
        data = data == null ? new DataSelection(null, null, null, null, null) : data;
        training = training == null ? TrainingParameters.defaults() : training;
    }
}
