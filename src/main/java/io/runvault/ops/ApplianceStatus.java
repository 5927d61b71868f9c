package io.runvault.ops;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code runvaultctl status} shows of the running appliance: its build, database, data
 * directory, store, jobs and the training engine as the server sees them.
 */
@Schema(name = "ApplianceStatus")
public record ApplianceStatus(
        @Schema(required = true, example = "0.1.0") String version,
        @Schema(required = true, description = "The git commit it was built from, or unknown") String commit,
        @Schema(description = "When it was built (absent when the build did not record it)") Instant builtAt,
        @Schema(required = true, description = "The latest migration applied to the database", example = "9")
        String schemaVersion,
        @Schema(required = true, description = "Migrations this version knows that the database lacks (0 when current)")
        int pendingMigrations,
        @Schema(required = true, description = "h2, postgresql or the JDBC URL's sub-protocol", example = "h2") String database,
        @Schema(required = true, description = "The JDBC URL, any password in it replaced by ***") String databaseUrl,
        @Schema(required = true, description = "RUNVAULT_DATA, absolute") String dataDirectory,
        @Schema(required = true, description = "Bytes free for the appliance on the data directory's file system")
        long diskFreeBytes,
        @Schema(required = true, description = "That file system's size in bytes") long diskTotalBytes,
        @Schema(required = true, description = "Objects in the blob store") long blobs,
        @Schema(required = true, description = "Their bytes") long blobBytes,
        @Schema(required = true, description = "Jobs in the running state") long jobsRunning,
        @Schema(required = true, description = "DJL's training engine", example = "PyTorch") String engine,
        @Schema(description = "Its version (absent when it did not load)", example = "2.5.1") String engineVersion,
        @Schema(description = "GPUs the engine sees (absent when it did not load)", example = "0") Integer gpuCount,
        @Schema(description = "Why the engine did not load (absent when it did)") String engineError,
        @Schema(description = "ONNX Runtime's version (absent when it did not load)", example = "1.20.0")
        String onnxRuntimeVersion,
        @Schema(required = true, description = "The server's Java runtime", example = "17.0.13") String javaVersion,
        @Schema(required = true, description = "The server's operating system", example = "Linux 6.1.0 amd64") String os,
        @Schema(required = true, description = "The server's clock when it answered") Instant serverTime) {
}
