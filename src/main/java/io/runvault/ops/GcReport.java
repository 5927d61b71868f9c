package io.runvault.ops;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one garbage collection found and, unless it was a dry run, removed. */
@Schema(name = "GcReport")
public record GcReport(
        @Schema(required = true, description = "True: nothing was removed, 'blobs' lists what would be") boolean dryRun,
        @Schema(required = true, description = "The grace period applied, in hours") double graceHours,
        @Schema(required = true, description = "When the collection started") Instant startedAt,
        @Schema(required = true, description = "Only blobs stored (or last uploaded or committed) before this were candidates")
        Instant storedBefore,
        @Schema(required = true, description = "Objects in the store") long blobsScanned,
        @Schema(required = true, description = "Digests the database refers to (runs, job checkpoints, datasets)")
        long blobsReferenced,
        @Schema(required = true, description = "Unreferenced blobs kept because they are younger than the grace period")
        long keptInGrace,
        @Schema(required = true, description = "Blobs removed (or, in a dry run, that would be)") long blobsRemoved,
        @Schema(required = true, description = "Their bytes") long bytesRemoved,
        @Schema(required = true, description = "Decoded-dataset cache files not used within the grace period, removed "
                + "(or, in a dry run, that would be); jobs decode those datasets again when they need them")
        long cacheFilesRemoved,
        @Schema(required = true, description = "Their bytes") long cacheBytesRemoved,
        @Schema(required = true, description = "The removed blobs, at most " + GcReport.LISTED + " of them")
        List<RemovedBlob> blobs,
        @Schema(description = "The seq of the audit event recording the collection (absent for a dry run)") Long auditSeq) {

    public static final int LISTED = 1000;

    public GcReport {
        blobs = List.copyOf(blobs);
    }

    @Schema(name = "GcRemovedBlob")
    public record RemovedBlob(
            @Schema(required = true, example = "blake2b:0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
            String digest,
            @Schema(required = true) long size,
            @Schema(required = true, description = "When it was stored, last uploaded or last committed") Instant storedAt) {
    }
}
