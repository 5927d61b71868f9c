package io.runvault.runs;

import io.runvault.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A run being made: the one way the appliance produces a run. Each file is streamed into the blob
 * store as it is added (hashed while written, never held whole in memory); experiment, params,
 * metrics, series, tags and lineage are set; {@link #commit} builds the manifest and commits it
 * with the registry's checks and audit event.
 *
 * <p>The draft owns a staging folder for writers that produce a suite of files on disk: whatever
 * is left in {@link #folder()} is added at commit under its relative path. The folder is deleted
 * when the draft commits or closes, so a draft used in try-with-resources leaves nothing behind on
 * failure. Blobs an abandoned draft stored stay in the store: they are content-addressed and shared.
 */
public final class RunDraft implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunDraft.class.getName());

    /** Commits a finished manifest on behalf of a user. */
    @FunctionalInterface
    interface Committer {
        RunService.Commit commit(RunManifest manifest, String user);
    }

    private final BlobStore blobs;
    private final Committer committer;
    private final Clock clock;
    private final Path folder;
    private final TreeMap<String, FileEntry> files = new TreeMap<>();
    private final TreeMap<String, Object> params = new TreeMap<>();
    private final TreeMap<String, Double> metrics = new TreeMap<>();
    private final TreeMap<String, List<Double>> series = new TreeMap<>();
    private final TreeMap<String, String> tags = new TreeMap<>();
    private String experiment;
    private Instant createdAt;
    private Lineage lineage = Lineage.NONE;
    private boolean closed;

    /** A draft staging in {@code folder}, which must exist; the draft deletes it when done. */
    RunDraft(BlobStore blobs, Committer committer, Clock clock, Path folder) {
        this.blobs = blobs;
        this.committer = committer;
        this.clock = clock;
        this.folder = folder;
    }

    /** Where writers put files that become the run's files at commit (relative path = run path). */
    public Path folder() {
        return folder;
    }

    /** Streams {@code in} into the store as the run's file at {@code path}; the caller closes {@code in}. */
    public FileEntry add(String path, InputStream in) throws IOException {
        open();
        RunPath runPath = RunPath.of(path);
        if (files.containsKey(path)) {
            throw new IllegalStateException("The run already has a file at '" + path + "'");
        }
        BlobStore.PutResult stored = blobs.put(in, Long.MAX_VALUE);
        FileEntry entry = new FileEntry(path, stored.digest().toString(), stored.size(), FileMediaTypes.forPath(runPath));
        files.put(path, entry);
        return entry;
    }

    /** Streams the file {@code source} into the store as the run's file at {@code path}. */
    public FileEntry add(String path, Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return add(path, in);
        }
    }

    /** A short text (UTF-8) as the run's file at {@code path}. */
    public FileEntry addText(String path, String text) throws IOException {
        return add(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A file whose blob is already stored, such as one of the run this one derives from. */
    public RunDraft include(FileEntry stored) {
        open();
        if (files.putIfAbsent(stored.path(), stored) != null) {
            throw new IllegalStateException("The run already has a file at '" + stored.path() + "'");
        }
        return this;
    }

    public RunDraft experiment(String experiment) {
        this.experiment = experiment;
        return this;
    }

    /** When the run was made; the time of the commit unless set. */
    public RunDraft createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /** A parameter: numbers are recorded as JSON numbers, booleans as booleans, anything else as its text. */
    public RunDraft param(String name, Object value) {
        params.put(name, value instanceof Number n ? (Object) n.doubleValue()
                : value instanceof Boolean ? value : String.valueOf(value));
        return this;
    }

    public RunDraft params(Map<String, ?> values) {
        values.forEach(this::param);
        return this;
    }

    /** A final metric; a value that is missing or not finite is left out (JSON cannot hold it). */
    public RunDraft metric(String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            metrics.put(name, value);
        }
        return this;
    }

    public RunDraft metrics(Map<String, Double> values) {
        values.forEach(this::metric);
        return this;
    }

    /** A per-epoch series; one holding a value that is not finite is left out whole. */
    public RunDraft series(String name, List<Double> values) {
        if (values.stream().allMatch(v -> v != null && Double.isFinite(v))) {
            series.put(name, List.copyOf(values));
        }
        return this;
    }

    public RunDraft tag(String name, String value) {
        tags.put(name, value);
        return this;
    }

    public RunDraft tags(Map<String, String> values) {
        tags.putAll(values);
        return this;
    }

    /** Parents, dataset, code version and environment digest. */
    public RunDraft lineage(Lineage lineage) {
        this.lineage = lineage;
        return this;
    }

    /**
     * Adds what is left in the staging folder, commits the manifest (files in path order) and removes
     * the folder. Committing the same content again returns the existing run.
     */
    public RunService.Commit commit(String user) throws IOException {
        open();
        if (experiment == null) {
            throw new IllegalStateException("A run needs an experiment");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                add(folder.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        RunManifest manifest = new RunManifest(experiment, createdAt != null ? createdAt : clock.instant(),
                params, metrics, series, tags, lineage, List.copyOf(files.values()));
        RunService.Commit commit = committer.commit(manifest, user);
        close();
        return commit;
    }

    /** Deletes the staging folder; a draft closed before {@link #commit} commits nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            StagingFolder.delete(folder);
        } catch (IOException e) {
            // What is left is emptied when a draft stages in the same folder again.
            LOG.log(Level.WARNING, "Could not remove the staging folder " + folder, e);
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("This run draft is already committed or closed");
        }
    }
}
