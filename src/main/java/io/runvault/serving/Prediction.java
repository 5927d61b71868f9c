package io.runvault.serving;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a served model answered, and which version answered it. */
@Schema(name = "Prediction")
public record Prediction(
        @Schema(description = "The registered model") String model,
        @Schema(description = "The version that answered") int version,
        @Schema(description = "Its stage when it answered") String stage,
        @Schema(description = "The run holding the model file") String runId,
        @Schema(description = "The ONNX file in that run") String file,
        @Schema(description = "Class names, in the order of each probability list") List<String> classes,
        @Schema(description = "One entry per image, in request order") List<ImagePrediction> predictions) {

    /** One image's answer. */
    @Schema(name = "ImagePrediction")
    public record ImagePrediction(
            @Schema(description = "The most probable class") String label,
            @Schema(description = "Its index in classes") int index,
            @Schema(description = "One probability per class") float[] probabilities) {
    }
}
