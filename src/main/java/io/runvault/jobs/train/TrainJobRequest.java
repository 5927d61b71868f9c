package io.runvault.jobs.train;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of a training job spec (the server parses the body strictly, see {@link TrainJobSpec}). */
@Schema(name = "TrainJobSpec", description = "A training job. Only dataset is required; every other member has a default.")
public record TrainJobRequest(
        @Schema(description = "train (the default)", example = "train") String kind,
        @Schema(description = "Experiment of the run it commits", example = "fashion-demo") String experiment,
        @Schema(required = true, description = "fashion-mnist or a registered dataset (GET /datasets)", example = "fashion-mnist") String dataset,
        @Schema(description = "Use a seeded stratified subset of this many training images (0: all)") Integer trainSamples,
        @Schema(description = "Evaluate on this many test images (0: all)") Integer testSamples,
        @Schema(description = "Fraction of the training images held out for validation, stratified; default 0.1") Double valFraction,
        @Schema(description = "Tags for the run") Map<String, String> tags,
        @Schema(description = "A registered model: the committed run becomes its next version, at raw", example = "fashion-classifier") String model,
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
