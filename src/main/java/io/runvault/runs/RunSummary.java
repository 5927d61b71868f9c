package io.runvault.runs;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run as lists show it. */
@Schema(name = "RunSummary")
public record RunSummary(
        @Schema(required = true, description = "blake2b:<hex> of the canonical manifest") String id,
        @Schema(required = true, description = "YYYYMMDD_<dataset>_<architecture>_<6 hex>") String name,
        @Schema(required = true) String experiment,
        @Schema(required = true, description = "From the manifest") Instant createdAt,
        @Schema(required = true, description = "When the appliance accepted the commit (not part of the content)") Instant committedAt,
        @Schema(required = true, description = "Who committed it (not part of the content)") String committedBy,
        @Schema(required = true) int fileCount,
        @Schema(required = true) long totalBytes,
        @Schema(required = true) Map<String, String> tags,
        @Schema(required = true) Map<String, Double> metrics) {
}
