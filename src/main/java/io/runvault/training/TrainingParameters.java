package io.runvault.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The training hyperparameters as a job request carries them (train, cross-validate and tune compose
 * this record, their JSON flat): every member optional, absent ones take {@link TrainingSpec}'s
 * defaults. The constraints are the rules that hold for every member alone; {@link #toSpec()} checks
 * the step schedule's fields too and answers the typed spec.
 */
@Schema(name = "TrainingParameters", description = "The training hyperparameters; every member has a default.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingParameters(
        @Schema(description = "mlp, minicnn (default) or resnet") @OneOf(Architecture.class) String architecture,
        @Schema(description = "ResNet depth; default 20") Integer depth,
        @Schema(description = "default 10") @Min(value = 1, message = "must be at least 1") Integer epochs,
        @Schema(description = "default 64") @Min(value = 1, message = "must be at least 1") Integer batchSize,
        @Schema(description = "adam (default) or sgd") @OneOf(OptimizerType.class) String optimizer,
        @Schema(description = "SGD momentum; default 0.9")
        @DecimalMin(value = "0", message = "must be in [0, 1)")
        @DecimalMax(value = "1", inclusive = false, message = "must be in [0, 1)") Double momentum,
        @Schema(description = "default 0.001")
        @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 (and at most 10)")
        @DecimalMax(value = "10", message = "must be greater than 0 (and at most 10)") Double learningRate,
        @Schema(description = "none (default), cosine or step") @OneOf(ScheduleType.class) String schedule,
        @Schema(description = "Epochs per step of the step schedule; default 10") Integer stepSize,
        @Schema(description = "Factor of the step schedule; default 0.1") Double stepGamma,
        @Schema(description = "default 0")
        @DecimalMin(value = "0", message = "must be in [0, 1)")
        @DecimalMax(value = "1", inclusive = false, message = "must be in [0, 1)") Double weightDecay,
        @Schema(description = "Seeds initialisation, shuffling and augmentation (a study's sampler too); default 42") Long seed,
        @Schema(description = "flip (boolean), translate (pixels), rotation (degrees), noise (std dev)") @Valid Augmentation augmentation,
        @Schema(description = "none (default) or auto (inverse class frequency)") @OneOf(ClassWeights.class) String classWeights,
        @Schema(description = "Early stopping patience in epochs; 0 (default) is off")
        @Min(value = 0, message = "must be >= 0 (0 disables early stopping)") Integer patience,
        @Schema(description = "val_auc (default), val_accuracy or val_macro_f1") @OneOf(SelectionMetric.class) String selectionMetric,
        @Schema(description = "auto (default), cpu or gpu") @OneOf(DeviceChoice.class) String device,
        @Schema(description = "PyTorch threads; 0 (default) leaves PyTorch's choice")
        @Min(value = 0, message = "must be between 0 (default) and 1024")
        @Max(value = 1024, message = "must be between 0 (default) and 1024") Integer threads) {

    private static final TrainingSpec DEFAULTS = TrainingSpec.builder().build();

    /** Absent members take the defaults, so a bound record holds the values a run trains with. */
    public TrainingParameters {
        architecture = architecture == null ? DEFAULTS.architecture().externalName() : architecture;
        depth = depth == null ? DEFAULTS.depth() : depth;
        epochs = epochs == null ? DEFAULTS.epochs() : epochs;
        batchSize = batchSize == null ? DEFAULTS.batchSize() : batchSize;
        optimizer = optimizer == null ? DEFAULTS.optimizer().externalName() : optimizer;
        momentum = momentum == null ? DEFAULTS.momentum() : momentum;
        learningRate = learningRate == null ? DEFAULTS.learningRate() : learningRate;
        schedule = schedule == null ? DEFAULTS.schedule().externalName() : schedule;
        stepSize = stepSize == null ? DEFAULTS.stepSize() : stepSize;
        stepGamma = stepGamma == null ? DEFAULTS.stepGamma() : stepGamma;
        weightDecay = weightDecay == null ? DEFAULTS.weightDecay() : weightDecay;
        seed = seed == null ? DEFAULTS.seed() : seed;
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        classWeights = classWeights == null ? DEFAULTS.classWeights().externalName() : classWeights;
        patience = patience == null ? DEFAULTS.patience() : patience;
        selectionMetric = selectionMetric == null ? DEFAULTS.selectionMetric().externalName() : selectionMetric;
        device = device == null ? DEFAULTS.device().externalName() : device;
        threads = threads == null ? DEFAULTS.threads() : threads;
    }

    /** The defaults. */
    public static TrainingParameters defaults() {
        return of(DEFAULTS);
    }

    /** The members of {@code spec}, choices by their names. */
    public static TrainingParameters of(TrainingSpec spec) {
        return new TrainingParameters(spec.architecture().externalName(), spec.depth(), spec.epochs(),
                spec.batchSize(), spec.optimizer().externalName(), spec.momentum(), spec.learningRate(),
                spec.schedule().externalName(), spec.stepSize(), spec.stepGamma(), spec.weightDecay(), spec.seed(),
                spec.augmentation(), spec.classWeights().externalName(), spec.patience(),
                spec.selectionMetric().externalName(), spec.device().externalName(), spec.threads());
    }

    /** The typed spec; an {@link InvalidTrainingSpecException} names every rule these members break. */
    public TrainingSpec toSpec() {
        return TrainingSpec.builder().architecture(architecture).depth(depth).epochs(epochs).batchSize(batchSize)
                .optimizer(optimizer).momentum(momentum).learningRate(learningRate).schedule(schedule)
                .stepSize(stepSize).stepGamma(stepGamma).weightDecay(weightDecay).seed(seed)
                .augmentation(augmentation).classWeights(classWeights).patience(patience)
                .selectionMetric(selectionMetric).device(device).threads(threads).build();
    }
}
