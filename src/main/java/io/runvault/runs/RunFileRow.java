package io.runvault.runs;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One row of the run_file index (path to blob). */
@Embeddable
public class RunFileRow {

    @Column(name = "path", nullable = false)
    private String path;

    @Column(name = "digest", nullable = false)
    private String digest;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    protected RunFileRow() {
        // for JPA
    }

    RunFileRow(FileEntry file) {
        this.path = file.path();
        this.digest = file.digest();
        this.size = file.size();
        this.mediaType = file.mediaType();
    }
}
