package io.runvault.models;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegisteredModel")
public record ModelView(
        @Schema(required = true) String name,
        @Schema(required = true) String description,
        @Schema(required = true) String owner,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) List<VersionView> versions) {
}
