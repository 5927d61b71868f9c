package io.runvault.ops;

import io.runvault.audit.AuditVerification;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The consistent part of an online backup, staged under {@code RUNVAULT_DATA/<directory>}: the
 * database (H2's online {@code BACKUP TO}) and, taken after it, the list of blobs it refers to
 * ({@code blobs.txt}: one {@code <digest> <size>} a line). {@code runvaultctl backup} moves them
 * out and copies the blobs, secrets and configuration next to them.
 */
@Schema(name = "BackupSnapshot")
public record BackupSnapshot(
        @Schema(required = true, example = "snapshot-20261207T021500Z") String name,
        @Schema(required = true, description = "Where it is staged, relative to the data directory", example = "backups/snapshot-20261207T021500Z")
        String directory,
        @Schema(required = true, description = "h2 or postgresql", example = "h2") String database,
        @Schema(description = "The H2 backup's file in the staging directory; absent for PostgreSQL (use pg_dump)")
        String databaseFile,
        @Schema(required = true, description = "Its size in bytes (0 for PostgreSQL)") long databaseBytes,
        @Schema(required = true, description = "The database schema's version (latest migration applied)", example = "9")
        String schemaVersion,
        @Schema(required = true, description = "The appliance version that took it") String applianceVersion,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true, description = "Blobs the database refers to, listed in blobs.txt") long blobs,
        @Schema(required = true, description = "Their bytes") long blobBytes,
        @Schema(required = true, description = "Referenced digests the store lacks (a healthy appliance has none)")
        List<String> missingBlobs,
        @Schema(required = true, description = "The audit chain's last event in the database when it was taken (seq)")
        long auditSeq,
        @Schema(required = true, description = "The chain walked after the database was copied: the copy holds a prefix "
                + "of it, so an intact chain here and an unchanged database file mean the restored chain is intact")
        AuditVerification audit) {

    public BackupSnapshot {
        missingBlobs = List.copyOf(missingBlobs);
    }
}
