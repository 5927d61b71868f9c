package io.runvault.serving;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON form of a prediction request, for the OpenAPI document; {@link PredictionImages} reads
 * it as a stream.
 */
@Schema(name = "PredictionRequest", description = "Give images or pixels, not both")
public record PredictionRequest(
        @Schema(description = "PNG or JPEG files of the model's image size, base64-encoded") List<String> images,
        @Schema(description = "One array per image of 0-255 values in C x H x W order (channels first), flat or nested")
        List<List<Object>> pixels) {
}
