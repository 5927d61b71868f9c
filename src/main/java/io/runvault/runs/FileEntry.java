package io.runvault.runs;

import io.runvault.store.Digest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One file of a run: where it sits in the run, which blob holds it, its size and media type. */
@Schema(name = "RunFile")
public record FileEntry(
        @Schema(required = true, description = "Relative '/'-separated path inside the run", example = "figures/confusion_matrix.png") String path,
        @Schema(required = true, description = "blake2b:<64 hex> of the content") String digest,
        @Schema(required = true, description = "Size in bytes") long size,
        @Schema(description = "Media type; derived from the extension when omitted", example = "image/png") String mediaType) {

    public RunPath runPath() {
        return RunPath.of(path);
    }

    public Digest blob() {
        return Digest.parse(digest);
    }
}
