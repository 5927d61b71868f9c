package io.runvault.runs;

import io.runvault.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens {@link RunDraft}s: where jobs and exports start every run they commit. */
@ApplicationScoped
public class RunDrafts {

    @Inject
    BlobStore blobs;

    @Inject
    RunService runs;

    @Inject
    Clock clock;

    /** A draft staging in {@code staging}, emptied first (an interrupted attempt may have left files). */
    public RunDraft open(Path staging) throws IOException {
        return new RunDraft(blobs, runs::commit, clock, StagingFolder.fresh(staging));
    }

    /** A draft over a folder its files were already written to; they become the run's files at commit. */
    public RunDraft adopt(Path staged) throws IOException {
        return new RunDraft(blobs, runs::commit, clock, java.nio.file.Files.createDirectories(staged));
    }
}
