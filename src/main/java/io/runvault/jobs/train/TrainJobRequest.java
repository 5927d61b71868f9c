package io.runvault.jobs.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runvault.training.DataSelection;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingParameters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A training job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: one run's
 * configuration ({@link #config()}: the data selection, the validation fraction and the training
 * parameters, flat in the JSON) and the registered model the run becomes a version of. The shared
 * records are unwrapped one level deep only, which the OpenAPI scanner documents correctly.
 */
@Schema(name = "TrainJobSpec", extensions = @Extension(name = "x-kind", value = TrainJobKind.NAME), description = "A training job. Only dataset is required; every other member has a default.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainJobRequest(
        @Schema(description = "train (the default)", example = "train")
        @Pattern(regexp = TrainJobKind.NAME, message = "is " + TrainJobKind.NAME) String kind,
        @Schema(description = "A registered model: the committed run becomes its next version, at raw", example = "fashion-classifier")
        String model,
        @JsonUnwrapped @Valid DataSelection data,
        @Schema(description = "Fraction of the training images held out for validation, stratified; default 0.1")
        @DecimalMin(value = "0", inclusive = false, message = TrainingConfig.VAL_FRACTION)
        @DecimalMax(value = "0.5", inclusive = false, message = TrainingConfig.VAL_FRACTION) Double valFraction,
        @JsonUnwrapped @Valid TrainingParameters training) {

    public TrainJobRequest {
        kind = kind == null ? TrainJobKind.NAME : kind;
    }

    /** The run's configuration (absent members at their defaults). */
    public TrainingConfig config() {
        return new TrainingConfig(data, valFraction, training);
    }
}
