package io.runvault.models;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewModel")
public record NewModel(
        @Schema(required = true, example = "fashion-classifier") String name,
        @Schema(description = "At most 2000 characters") String description) {
}
