package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.hash.Blake2b256;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDraftTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:00Z");

    @TempDir
    Path tmp;

    private BlobStore blobs;
    private Path staging;
    private final List<RunManifest> committed = new ArrayList<>();
    private final List<String> committers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        blobs = new BlobStore(tmp.resolve("blobs"));
        staging = tmp.resolve("jobs/j1/run-1");
    }

    private RunDraft draft() throws IOException {
        return draft((manifest, user) -> {
            committed.add(manifest);
            committers.add(user);
            return new RunService.Commit(null, true);
        });
    }

    private RunDraft draft(RunDraft.Committer committer) throws IOException {
        return new RunDraft(blobs, committer, Clock.fixed(NOW, ZoneOffset.UTC), StagingFolder.fresh(staging));
    }

    @Test
    void aFileIsWrittenToTheStoreWhileItIsStillBeingRead() throws IOException {
        long size = 24L << 20;
        StreamedOnly source = new StreamedOnly(size, blobs.root().resolve(".tmp"));
        FileEntry entry;
        try (RunDraft draft = draft()) {
            entry = draft.add("checkpoints/big.params", source);
        }
        assertEquals(size, source.delivered);
        assertEquals(size, entry.size());
        assertEquals(source.digest().toString(), entry.digest());
        assertEquals(size, blobs.size(entry.blob()).getAsLong());
        assertTrue(source.checks > 10, "the stream was read in many small pieces, checked each time");
    }

    @Test
    void theManifestHoldsWhatTheDraftWasGiven() throws IOException {
        FileEntry old;
        try (RunDraft earlier = draft()) {
            old = earlier.addText("reports/old.txt", "from the parent run");
        }
        FileEntry environment;
        try (RunDraft draft = draft()) {
            Files.createDirectories(draft.folder().resolve("figures"));
            Files.writeString(draft.folder().resolve("figures/loss.png"), "png bytes");
            Files.writeString(draft.folder().resolve("summary.json"), "{}");
            environment = draft.addText("reports/environment.txt", "java 21\n");
            draft.add("logs/run.log", new ByteArrayInputStream("line 1\n".getBytes(StandardCharsets.UTF_8)));
            draft.include(old);
            Map<String, Object> params = new HashMap<>();
            params.put("epochs", 3);
            params.put("flip", true);
            params.put("architecture", "resnet");
            params.put("learningRate", 0.01);
            Map<String, Double> metrics = new HashMap<>();
            metrics.put("val_auc", 0.93);
            metrics.put("val_loss", Double.NaN);
            metrics.put("test_ece", null);
            draft.experiment("fashion").params(params).metrics(metrics)
                    .series("val_auc", List.of(0.5, 0.9)).series("val_loss", List.of(1.0, Double.POSITIVE_INFINITY))
                    .tags(Map.of("team", "vision")).tag("job", "j1")
                    .lineage(new Lineage(List.of("blake2b:" + "a".repeat(64)), null, "fashion-mnist", "git:abc",
                            environment.digest()));
            draft.commit("alice");
        }
        assertEquals(List.of("alice"), committers);
        RunManifest manifest = committed.get(0);
        assertEquals("fashion", manifest.experiment());
        assertEquals(NOW, manifest.createdAt());
        assertEquals(Map.of("epochs", 3.0, "flip", true, "architecture", "resnet", "learningRate", 0.01), manifest.params());
        assertEquals(Map.of("val_auc", 0.93), manifest.metrics());
        assertEquals(Map.of("val_auc", List.of(0.5, 0.9)), manifest.series());
        assertEquals(Map.of("team", "vision", "job", "j1"), manifest.tags());
        assertEquals("git:abc", manifest.lineage().codeVersion());
        assertEquals(Digest.compute("java 21\n".getBytes(StandardCharsets.UTF_8)).toString(),
                manifest.lineage().environmentDigest());
        assertEquals(List.of("figures/loss.png", "logs/run.log", "reports/environment.txt", "reports/old.txt", "summary.json"),
                manifest.files().stream().map(FileEntry::path).toList(), "every file, in path order");
        FileEntry figure = manifest.files().get(0);
        assertEquals(Digest.compute("png bytes".getBytes(StandardCharsets.UTF_8)).toString(), figure.digest());
        assertEquals(9, figure.size());
        assertEquals("image/png", figure.mediaType());
        assertTrue(blobs.contains(figure.blob()), "staged files are stored at commit");
        assertEquals(old, manifest.files().get(3), "an included file is kept as it was");
    }

    @Test
    void createdAtCanBeGiven() throws IOException {
        Instant earlier = Instant.parse("2025-01-02T03:04:05Z");
        try (RunDraft draft = draft()) {
            draft.experiment("e").createdAt(earlier).commit("bob");
        }
        assertEquals(earlier, committed.get(0).createdAt());
    }

    @Test
    void committingRemovesTheStagingFolderAndEndsTheDraft() throws IOException {
        try (RunDraft draft = draft()) {
            Files.writeString(draft.folder().resolve("a.txt"), "a");
            draft.experiment("e").commit("bob");
            assertFalse(Files.exists(staging));
            assertThrows(IllegalStateException.class, () -> draft.addText("b.txt", "b"));
        }
    }

    @Test
    void aDraftClosedWithoutCommitLeavesNoStaging() throws IOException {
        try (RunDraft draft = draft()) {
            Files.createDirectories(draft.folder().resolve("figures"));
            Files.writeString(draft.folder().resolve("figures/a.png"), "a");
            draft.addText("reports/b.txt", "b");
        }
        assertFalse(Files.exists(staging));
        assertTrue(committed.isEmpty());
    }

    @Test
    void aFailedCommitLeavesNoStaging() throws IOException {
        IllegalStateException refused = new IllegalStateException("refused");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (RunDraft draft = draft((manifest, user) -> {
                throw refused;
            })) {
                Files.writeString(draft.folder().resolve("a.txt"), "a");
                draft.experiment("e").commit("bob");
            }
        });
        assertEquals(refused, thrown);
        assertFalse(Files.exists(staging));
    }

    @Test
    void aStreamThatBreaksLeavesNoStagingAndNoPartialBlob() throws IOException {
        InputStream broken = new InputStream() {
            private int left = 3 << 20;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThrows(IOException.class, () -> {
            try (RunDraft draft = draft()) {
                Files.writeString(draft.folder().resolve("a.txt"), "a");
                draft.add("big.bin", broken);
            }
        });
        assertFalse(Files.exists(staging));
        try (Stream<Path> left = Files.list(blobs.root().resolve(".tmp"))) {
            assertEquals(0, left.count(), "no partial upload is left in the store");
        }
    }

    @Test
    void aPathIsAddedOnce() throws IOException {
        try (RunDraft draft = draft()) {
            draft.addText("reports/a.txt", "a");
            assertThrows(IllegalStateException.class, () -> draft.addText("reports/a.txt", "other"));
            Files.createDirectories(draft.folder().resolve("reports"));
            Files.writeString(draft.folder().resolve("reports/a.txt"), "staged too");
            assertThrows(IllegalStateException.class, () -> draft.experiment("e").commit("bob"));
        }
        assertTrue(committed.isEmpty());
    }

    @Test
    void aFreshStagingFolderIsEmpty() throws IOException {
        Files.createDirectories(staging.resolve("left/over"));
        Files.writeString(staging.resolve("left/over/file.txt"), "from an interrupted attempt");
        try (RunDraft draft = draft()) {
            try (Stream<Path> inside = Files.list(draft.folder())) {
                assertEquals(0, inside.count());
            }
        }
    }

    /**
     * Pseudo-random bytes that may only be streamed: reading it whole fails, and each read checks that
     * what was delivered before has already reached the store's upload file (a copy held in memory would not).
     */
    private static final class StreamedOnly extends InputStream {

        // What the store's upload pipeline may hold between reading and writing: its ring of eight
        // 1 MiB buffers and the ones in hand. A store that read the whole 24 MiB first fails.
        private static final long SLACK = 10L << 20;

        private final long size;
        private final Path uploads;
        private final Blake2b256 hash = new Blake2b256();
        private long delivered;
        private int checks;
        private long state = 42;

        StreamedOnly(long size, Path uploads) {
            this.size = size;
            this.uploads = uploads;
        }

        Digest digest() {
            return Digest.of(hash.digest());
        }

        @Override
        public int read() {
            throw new AssertionError("read byte by byte");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (delivered >= size) {
                return -1;
            }
            if (delivered > SLACK) {
                long written = written();
                if (written < delivered - SLACK) {
                    throw new AssertionError(delivered + " bytes read but only " + written + " written to the store");
                }
                checks++;
            }
            int n = (int) Math.min(len, size - delivered);
            for (int i = 0; i < n; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                b[off + i] = (byte) (state >>> 56);
            }
            hash.update(b, off, n);
            delivered += n;
            return n;
        }

        @Override
        public byte[] readAllBytes() {
            throw new AssertionError("read whole into memory");
        }

        @Override
        public byte[] readNBytes(int len) {
            throw new AssertionError("read whole into memory");
        }

        private long written() throws IOException {
            long total = 0;
            try (Stream<Path> files = Files.list(uploads)) {
                for (Path file : files.toList()) {
                    total += Files.size(file);
                }
            }
            return total;
        }
    }
}
