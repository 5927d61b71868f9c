package io.runvault.jobs.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runvault.training.TrainingConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A training job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: one run's
 * configuration (flat in the JSON) and the registered model the run becomes a version of.
 */
@Schema(name = "TrainJobSpec", extensions = @Extension(name = "x-kind", value = TrainJobKind.NAME), description = "A training job. Only dataset is required; every other member has a default.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainJobRequest(
        @Schema(description = "train (the default)", example = "train")
        @Pattern(regexp = TrainJobKind.NAME, message = "is " + TrainJobKind.NAME) String kind,
        @Schema(description = "A registered model: the committed run becomes its next version, at raw", example = "fashion-classifier")
        String model,
        @JsonUnwrapped @Valid TrainingConfig config) {

    public TrainJobRequest {
        kind = kind == null ? TrainJobKind.NAME : kind;
        config = config == null ? new TrainingConfig(null, null, null) : config;
    }
}
