package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the garbage collector relies on: an object's time is when it was last stored, uploaded or committed. */
class BlobRemovalTest {

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path root;

    /** A stored object that looks as if it had been stored long ago. */
    private static Digest storedLongAgo(BlobStore store, byte[] content) throws Exception {
        Digest digest = store.put(content).digest();
        Files.setLastModifiedTime(store.path(digest), FileTime.from(LONG_AGO));
        return digest;
    }

    private static Instant aMomentAgo() {
        return Instant.now().minus(Duration.ofSeconds(5));
    }

    @Test
    void removesAnObjectStoredBeforeTheCutoffAndReportsItsBytes() throws Exception {
        BlobStore store = new BlobStore(root);
        Digest old = storedLongAgo(store, BlobStoreTest.random(1000, 1));
        assertEquals(1000, store.removeIfStoredBefore(old, aMomentAgo()));
        assertFalse(store.contains(old));
        assertEquals(-1, store.removeIfStoredBefore(old, aMomentAgo()), "already gone");
    }

    @Test
    void keepsAnObjectStoredAfterTheCutoff() throws Exception {
        BlobStore store = new BlobStore(root);
        Digest fresh = store.put(BlobStoreTest.random(1000, 2)).digest();
        assertEquals(-1, store.removeIfStoredBefore(fresh, aMomentAgo()));
        assertTrue(store.contains(fresh));
    }

    @Test
    void uploadingAnObjectAgainRefreshesItsTimeSoItIsKept() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = BlobStoreTest.random(2000, 3);
        Digest old = storedLongAgo(store, content);
        BlobStore.PutResult again = store.put(old, new ByteArrayInputStream(content), Long.MAX_VALUE);
        assertFalse(again.inserted());
        assertEquals(-1, store.removeIfStoredBefore(old, aMomentAgo()));
        assertTrue(store.contains(old));
    }

    @Test
    void writingTheSameContentWithoutADigestRefreshesItsTimeToo() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] content = BlobStoreTest.random(2000, 4);
        Digest old = storedLongAgo(store, content);
        assertFalse(store.put(new ByteArrayInputStream(content), Long.MAX_VALUE).inserted());
        assertEquals(-1, store.removeIfStoredBefore(old, aMomentAgo()));
    }

    @Test
    void retainingForACommitRefreshesItsTimeAndGivesItsSize() throws Exception {
        BlobStore store = new BlobStore(root);
        Digest old = storedLongAgo(store, BlobStoreTest.random(1234, 5));
        assertEquals(1234, store.retain(old).getAsLong());
        assertEquals(-1, store.removeIfStoredBefore(old, aMomentAgo()));
        assertTrue(store.contains(old));
    }

    @Test
    void retainingARemovedObjectFindsNothing() throws Exception {
        BlobStore store = new BlobStore(root);
        Digest old = storedLongAgo(store, BlobStoreTest.random(10, 6));
        store.removeIfStoredBefore(old, aMomentAgo());
        assertTrue(store.retain(old).isEmpty());
    }

    @Test
    void listsEveryObjectWithItsSizeAndTimeButNotTheTemporaryArea() throws Exception {
        BlobStore store = new BlobStore(root);
        Digest a = storedLongAgo(store, BlobStoreTest.random(10, 7));
        Digest b = store.put(BlobStoreTest.random(20, 8)).digest();
        store.temporaryFile("upload-");
        List<BlobStore.StoredObject> seen = new ArrayList<>();
        store.forEachObject(seen::add);
        assertEquals(2, seen.size());
        BlobStore.StoredObject first = seen.stream().filter(o -> o.digest().equals(a)).findFirst().orElseThrow();
        assertEquals(10, first.size());
        assertEquals(LONG_AGO, first.storedAt());
        assertTrue(seen.stream().anyMatch(o -> o.digest().equals(b) && o.size() == 20));
    }
}
