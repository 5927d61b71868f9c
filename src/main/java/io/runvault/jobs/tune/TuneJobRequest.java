package io.runvault.jobs.tune;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runvault.training.DataSelection;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingParameters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tuning job as submitted, bound strictly by {@link io.runvault.jobs.RequestBinder}: the base
 * training configuration (flat in the JSON, as for a train job), the registered model the final
 * model becomes a version of, and the study's own members. {@link TuneJobSpec#check} holds the rules
 * across members (the search space against the training fields, concurrency against trials, ...).
 */
@Schema(name = "TuneJobSpec", extensions = @Extension(name = "x-kind", value = TuneJobSpec.KIND), description = "A hyperparameter study: trials of the base training configuration with "
        + "parameters drawn from searchSpace; the best is retrained on training and validation data as the final model.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuneJobRequest(
        @Schema(required = true, description = "tune", example = "tune")
        @NotNull(message = "is " + TuneJobSpec.KIND)
        @Pattern(regexp = TuneJobSpec.KIND, message = "is " + TuneJobSpec.KIND) String kind,
        @Schema(description = "A registered model: the final model becomes its next version and is proposed for validated",
                example = "fashion-classifier") String model,
        @JsonUnwrapped @Valid DataSelection data,
        @Schema(description = "Fraction of the training images held out for validation, stratified; default 0.1")
        @DecimalMin(value = "0", inclusive = false, message = TrainingConfig.VAL_FRACTION)
        @DecimalMax(value = "0.5", inclusive = false, message = TrainingConfig.VAL_FRACTION) Double valFraction,
        @JsonUnwrapped @Valid TrainingParameters training,
        @Schema(required = true, description = "Training field -> distribution: {\"type\": \"float\", \"low\": 1e-4, "
                + "\"high\": 0.1, \"log\": true}, {\"type\": \"int\", \"low\": 16, \"high\": 128, \"step\": 16} or "
                + "{\"type\": \"categorical\", \"choices\": [16, 32]}. Tunable: learningRate, weightDecay, momentum, "
                + "batchSize, epochs, depth, architecture, optimizer, schedule, stepSize, stepGamma, patience, classWeights")
        Map<String, Map<String, Object>> searchSpace,
        @Schema(description = "What to optimise; default {\"metric\": \"val_auc\", \"direction\": \"maximize\"}")
        TuneObjective objective,
        @Schema(description = "Trials to run, 1-500; default 20") Integer trials,
        @Schema(description = "Trials trained at the same time, 1-trials; default 1") Integer concurrency,
        @Schema(description = "tpe (default), random or grid") String sampler,
        @Schema(description = "median (default), halving or none") String pruner,
        @Schema(description = "Study name; default the experiment") String studyName) {

    public TuneJobRequest {
        data = data == null ? new DataSelection(null, null, null, null, null) : data;
        trials = trials == null ? 20 : trials;
        concurrency = concurrency == null ? 1 : concurrency;
        sampler = sampler == null ? "tpe" : sampler;
        pruner = pruner == null ? "median" : pruner;
        studyName = studyName == null ? data.experiment() : studyName;
    }

    /** The base configuration of every trial (absent members at their defaults). */
    public TrainingConfig config() {
        return new TrainingConfig(data, valFraction, training);
    }

    /** The objective of a study. */
    @Schema(name = "TuneObjective")
    public record TuneObjective(
            @Schema(required = true, description = "A metric training reports: val_auc, val_accuracy, val_macro_f1, "
                    + "val_loss, val_balanced_accuracy, val_quadratic_kappa, val_ece, train_loss, train_accuracy",
                    example = "val_auc") String metric,
            @Schema(required = true, description = "maximize or minimize", example = "maximize") String direction) {
    }
}
