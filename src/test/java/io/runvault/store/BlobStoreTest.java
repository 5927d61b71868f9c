package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path root;

    /** {@code size} seeded random bytes. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void storesUnderItsDigestReadOnlyAndSaysWhetherItWasNew() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = random(3 * (1 << 20) + 17, 1);
        Digest digest = Digest.compute(content);
        BlobStore.PutResult first = store.put(digest, new ByteArrayInputStream(content), Long.MAX_VALUE);
        BlobStore.PutResult second = store.put(digest, new ByteArrayInputStream(content), Long.MAX_VALUE);
        assertTrue(first.inserted());
        assertFalse(second.inserted());
        assertEquals(content.length, first.size());
        Path stored = store.path(digest);
        assertEquals(root.resolve(digest.hex().substring(0, 2)).resolve(digest.hex().substring(2)), stored);
        assertArrayEquals(content, Files.readAllBytes(stored));
        assertFalse(Files.isWritable(stored) && !isRoot(), "stored objects are read-only");
        assertEquals("r--r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));
        assertEquals(0, tempFiles(store));
    }

    @Test
    void bytesThatHashElsewhereStoreNothing() throws Exception {
        BlobStore store = new BlobStore(root);
        Digest claimed = Digest.compute("expected".getBytes());
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> store.put(claimed, new ByteArrayInputStream("other".getBytes()), Long.MAX_VALUE));
        assertEquals("digest-mismatch", refused.type());
        assertFalse(store.contains(claimed));
        assertEquals(0, tempFiles(store));
    }

    @Test
    void wrongBytesForAStoredDigestAreRefusedAndTheObjectStaysIntact() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = random(3 * (1 << 20), 9);
        Digest digest = store.put(content).digest();
        assertThrows(InvalidRequestException.class,
                () -> store.put(digest, new ByteArrayInputStream(random(3 * (1 << 20), 10)), Long.MAX_VALUE));
        assertArrayEquals(content, Files.readAllBytes(store.path(digest)));
        assertEquals(0, tempFiles(store));
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = random(5000, 2);
        Digest digest = Digest.compute(content);
        assertThrows(PayloadTooLargeException.class,
                () -> store.put(digest, new ByteArrayInputStream(content), 4999));
        assertFalse(store.contains(digest));
        assertEquals(0, tempFiles(store));
    }

    @Test
    void aBodyCutShortStoresNothingWhetherNewOrAlreadyStored() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = random(5 * (1 << 20) + 3, 12);
        Digest digest = Digest.compute(content);
        assertThrows(java.io.IOException.class, () -> store.put(digest, cutShort(content), Long.MAX_VALUE));
        assertFalse(store.contains(digest));
        assertEquals(0, tempFiles(store));
        store.put(digest, new ByteArrayInputStream(content), Long.MAX_VALUE);
        assertThrows(java.io.IOException.class, () -> store.put(digest, cutShort(content), Long.MAX_VALUE));
        assertArrayEquals(content, Files.readAllBytes(store.path(digest)));
        assertEquals(0, tempFiles(store));
    }

    /** The first two thirds of {@code content}, then the connection fails. */
    private static java.io.InputStream cutShort(byte[] content) {
        return new java.io.SequenceInputStream(new ByteArrayInputStream(content, 0, content.length * 2 / 3),
                new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.io.EOFException("connection closed early");
                    }
                });
    }

    @Test
    void concurrentInsertsOfOneNewBlobAllSucceedAndOneCopyIsStored() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = random(2 * (1 << 20), 3);
        Digest digest = Digest.compute(content);
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<BlobStore.PutResult>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return store.put(digest, new ByteArrayInputStream(content), Long.MAX_VALUE);
            }));
        }
        go.countDown();
        int inserted = 0;
        for (Future<BlobStore.PutResult> result : results) {
            if (result.get().inserted()) {
                inserted++;
            }
        }
        pool.shutdown();
        assertEquals(1, inserted, "exactly one writer stores the object");
        try (Stream<Path> files = Files.list(store.path(digest).getParent())) {
            assertEquals(1, files.count());
        }
        assertArrayEquals(content, Files.readAllBytes(store.path(digest)));
        assertEquals(0, tempFiles(store));
    }

    @Test
    void leftoversOfACrashAreCleanedAndNeverVisible() throws Exception {
        BlobStore store = new BlobStore(root);
        Files.write(root.resolve(".tmp").resolve("upload-interrupted"), random(1000, 4));
        assertEquals(1, tempFiles(store));
        assertEquals(1, store.cleanTemporaryFiles());
        assertEquals(0, tempFiles(store));
    }

    @Test
    void scrubFindsCorruptMissingAndStrayObjects() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] good = random(100, 5);
        byte[] bad = random(100, 6);
        store.put(good);
        Digest badDigest = store.put(bad).digest();
        Path badPath = store.path(badDigest);
        badPath.toFile().setWritable(true);
        bad[10] ^= 1;
        Files.write(badPath, bad);
        Files.write(badPath.getParent().resolve("stray.txt"), new byte[] {1});
        Digest absent = Digest.compute("never stored".getBytes());
        ScrubReport report = store.scrub(Set.of(absent, Digest.compute(good)));
        assertEquals(2, report.blobsChecked());
        assertEquals(List.of(badDigest.toString()), report.corrupt());
        assertEquals(List.of(absent.toString()), report.missing());
        assertEquals(1, report.strayFiles().size());
        assertFalse(report.healthy());
    }

    @Test
    void theStoreReportsItselfWritable() {
        assertTrue(new BlobStore(root).isWritable());
    }

    private static long tempFiles(BlobStore store) throws Exception {
        try (Stream<Path> files = Files.list(store.root().resolve(".tmp"))) {
            return files.count();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
