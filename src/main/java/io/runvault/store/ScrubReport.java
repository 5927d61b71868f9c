package io.runvault.store;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a scrub found: every stored object re-hashed, every referenced digest looked for. */
@Schema(name = "ScrubReport")
public record ScrubReport(
        @Schema(description = "Objects re-hashed") long blobsChecked,
        @Schema(description = "Bytes re-hashed") long bytesChecked,
        @Schema(description = "Objects whose content no longer hashes to their name") List<String> corrupt,
        @Schema(description = "Digests that runs refer to but the store lacks") List<String> missing,
        @Schema(description = "Files in the store that are not objects") List<String> strayFiles) {

    public boolean healthy() {
        return corrupt.isEmpty() && missing.isEmpty();
    }
}
