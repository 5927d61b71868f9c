package io.runvault.jobs.tune;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of a tuning job spec (the server parses the body strictly, see
 * {@link TuneJobSpec}): a training spec's members as the base configuration, plus the study's.
 */
@Schema(name = "TuneJobSpec", description = "A hyperparameter study: trials of the base training configuration with "
        + "parameters drawn from searchSpace; the best is retrained on training and validation data as the final model.")
public record TuneJobRequest(
        @Schema(required = true, description = "tune", example = "tune") String kind,
        @Schema(description = "Experiment of the runs it commits", example = "fashion-tuning") String experiment,
        @Schema(required = true, description = "fashion-mnist or a registered dataset (GET /datasets)", example = "fashion-mnist") String dataset,
        @Schema(description = "Use a seeded stratified subset of this many training images (0: all)") Integer trainSamples,
        @Schema(description = "Evaluate the final model on this many test images (0: all)") Integer testSamples,
        @Schema(description = "Fraction of the training images held out for validation; default 0.1") Double valFraction,
        @Schema(description = "Tags for the runs") Map<String, String> tags,
        @Schema(description = "A registered model: the final model becomes its next version and is proposed for validated",
                example = "fashion-classifier") String model,
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
        @Schema(description = "Study name; default the experiment") String studyName,
        @Schema(description = "mlp, minicnn (default) or resnet") String architecture,
        @Schema(description = "ResNet depth; default 20") Integer depth,
        @Schema(description = "Epochs per trial; default 10") Integer epochs,
        @Schema(description = "default 64") Integer batchSize,
        @Schema(description = "adam (default) or sgd") String optimizer,
        @Schema(description = "SGD momentum; default 0.9") Double momentum,
        @Schema(description = "default 0.001") Double learningRate,
        @Schema(description = "none (default), cosine or step") String schedule,
        @Schema(description = "Epochs per step of the step schedule; default 10") Integer stepSize,
        @Schema(description = "Factor of the step schedule; default 0.1") Double stepGamma,
        @Schema(description = "default 0") Double weightDecay,
        @Schema(description = "Seeds the sampler and every trial's training; default 42") Long seed,
        @Schema(description = "flip (boolean), translate (pixels), rotation (degrees), noise (std dev)") Map<String, Object> augmentation,
        @Schema(description = "none (default) or auto (inverse class frequency)") String classWeights,
        @Schema(description = "Early stopping patience in epochs; 0 (default) is off") Integer patience,
        @Schema(description = "val_auc (default), val_accuracy or val_macro_f1") String selectionMetric,
        @Schema(description = "auto (default), cpu or gpu") String device,
        @Schema(description = "PyTorch threads; 0 (default) leaves PyTorch's choice") Integer threads) {

    /** The objective of a study. */
    @Schema(name = "TuneObjective")
    public record TuneObjective(
            @Schema(required = true, description = "A metric training reports: val_auc, val_accuracy, val_macro_f1, "
                    + "val_loss, val_balanced_accuracy, val_quadratic_kappa, val_ece, train_loss, train_accuracy",
                    example = "val_auc") String metric,
            @Schema(required = true, description = "maximize or minimize", example = "maximize") String direction) {
    }
}
