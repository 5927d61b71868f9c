package io.runvault.jobs.crossval;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of a cross-validation job spec (the server parses the body strictly, see
 * {@link CrossValidationSpec}): a training spec without valFraction and model, plus folds and concurrency.
 */
@Schema(name = "CrossValidationJobSpec", description = "A k-fold cross-validation job: one training run per fold and a "
        + "parent run with the fold splits and the mean and std of every metric. kind and dataset are required.")
public record CrossValidationRequest(
        @Schema(required = true, description = "cross-validate", example = "cross-validate") String kind,
        @Schema(description = "Number of folds k, 2-20; default 5") Integer folds,
        @Schema(description = "Folds trained at once, 1-k; default 1") Integer concurrency,
        @Schema(description = "Experiment of the run it commits", example = "fashion-demo") String experiment,
        @Schema(required = true, description = "fashion-mnist or a registered dataset (GET /datasets)", example = "fashion-mnist") String dataset,
        @Schema(description = "The pool the folds split: a seeded stratified subset of this many training images (0: all)") Integer trainSamples,
        @Schema(description = "Each fold's model is evaluated on this many test images (0: all)") Integer testSamples,
        @Schema(description = "Tags for the runs") Map<String, String> tags,
        @Schema(description = "mlp, minicnn (default) or resnet") String architecture,
        @Schema(description = "ResNet depth; default 20") Integer depth,
        @Schema(description = "default 10") Integer epochs,
        @Schema(description = "default 64") Integer batchSize,
        @Schema(description = "adam (default) or sgd") String optimizer,
        @Schema(description = "SGD momentum; default 0.9") Double momentum,
        @Schema(description = "default 0.001") Double learningRate,
        @Schema(description = "none (default), cosine or step") String schedule,
        @Schema(description = "Epochs per step of the step schedule; default 10") Integer stepSize,
        @Schema(description = "Factor of the step schedule; default 0.1") Double stepGamma,
        @Schema(description = "default 0") Double weightDecay,
        @Schema(description = "default 42") Long seed,
        @Schema(description = "flip (boolean), translate (pixels), rotation (degrees), noise (std dev)") Map<String, Object> augmentation,
        @Schema(description = "none (default) or auto (inverse class frequency)") String classWeights,
        @Schema(description = "Early stopping patience in epochs; 0 (default) is off") Integer patience,
        @Schema(description = "val_auc (default), val_accuracy or val_macro_f1") String selectionMetric,
        @Schema(description = "auto (default), cpu or gpu") String device,
        @Schema(description = "PyTorch threads; 0 (default) leaves PyTorch's choice") Integer threads) {
}
