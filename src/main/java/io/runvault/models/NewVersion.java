package io.runvault.models;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewModelVersion")
public record NewVersion(
        @Schema(required = true, description = "A committed run") String runId,
        @Schema(required = true, description = "The file in the run that is the model", example = "exports/model.onnx") String path) {
}
