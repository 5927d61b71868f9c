package io.runvault.store;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BlobInfo", description = "A stored blob")
public record BlobInfo(
        @Schema(description = "blake2b:<64 hex>", required = true) String digest,
        @Schema(description = "Size in bytes", required = true) long size) {
}
