package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.store.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoded-dataset cache: read back instead of decoded, damaged files rebuilt, bounded, collected. */
class DecodedDatasetCacheTest {

    private static final List<String> CLASSES = List.of("cat", "dog", "émeu");

    @TempDir
    Path dir;

    private final AtomicInteger decoded = new AtomicInteger();
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private DecodedDatasetCache cache(long maxBytes) {
        return new DecodedDatasetCache(dir.resolve("cache"), maxBytes, clock);
    }

    /** Image splits as bytes, a tabular-style float split, groups and a derived test split. */
    private ParsedDataset dataset(int seed) {
        int n = 40;
        byte[] px = new byte[n * 2 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31 + seed);
        }
        int[] labels = new int[n];
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            groups[i] = i / 4;
        }
        float[] features = new float[6 * 2 * 3 * 3];
        for (int i = 0; i < features.length; i++) {
            features[i] = i * -0.37f + seed;
        }
        LabelledImages train = LabelledImages.ofUnsignedBytes(px, labels, 2, 3, 3, CLASSES);
        LabelledImages test = new LabelledImages(features, new int[] {0, 1, 2, 0, 1, 2}, 2, 3, 3, CLASSES);
        return new ParsedDataset(train, null, test, groups, 10, true);
    }

    private DecodedDatasetCache.Decoder decoder(int seed) {
        return () -> {
            decoded.incrementAndGet();
            return dataset(seed);
        };
    }

    private static Digest digest(int i) {
        return Digest.compute(new byte[] {(byte) i});
    }

    private static void assertSame(ParsedDataset want, ParsedDataset got) {
        assertEquals(want.train(), got.train(), "train, stored as bytes");
        assertEquals(want.train().pixelBytes(), got.train().pixelBytes());
        assertNull(got.val());
        assertEquals(want.test(), got.test(), "test, stored as floats");
        assertArrayEquals(want.trainGroups(), got.trainGroups());
        assertEquals(want.groupCount(), got.groupCount());
        assertEquals(want.testDerived(), got.testDerived());
    }

    @Test
    void theSecondLoadReadsTheCacheInsteadOfDecoding() throws IOException {
        DecodedDatasetCache cache = cache(1 << 20);
        ParsedDataset first = cache.get(digest(1), decoder(1));
        ParsedDataset second = cache.get(digest(1), decoder(1));

        assertEquals(1, decoded.get());
        assertSame(first, second);
        assertTrue(Files.isRegularFile(cache.fileOf(digest(1))));
        assertSame(dataset(2), cache.get(digest(2), decoder(2)));
        assertEquals(2, decoded.get(), "another digest is another dataset");
    }

    @Test
    void aTruncatedOrAlteredFileIsDecodedAgainAndReplaced() throws IOException {
        DecodedDatasetCache cache = cache(1 << 20);
        cache.get(digest(1), decoder(1));
        Path file = cache.fileOf(digest(1));
        byte[] sound = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(sound, sound.length - 100));
        assertSame(dataset(1), cache.get(digest(1), decoder(1)));
        assertEquals(2, decoded.get(), "truncated: decoded again");
        assertArrayEquals(sound, Files.readAllBytes(file), "and written whole again");

        for (int at : new int[] {20, sound.length / 2, sound.length - 1}) {
            byte[] altered = sound.clone();
            altered[at] ^= 0x10;
            Files.write(file, altered);
            int before = decoded.get();
            assertSame(dataset(1), cache.get(digest(1), decoder(1)));
            assertEquals(before + 1, decoded.get(), "one bit changed at " + at + ": decoded again");
        }
        byte[] longer = java.util.Arrays.copyOf(sound, sound.length + 1);
        Files.write(file, longer);
        int before = decoded.get();
        cache.get(digest(1), decoder(1));
        assertEquals(before + 1, decoded.get(), "a byte after the digest: decoded again");
    }

    @Test
    void aDamagedCountDoesNotAllocateForIt() throws IOException {
        DecodedDatasetCache cache = cache(1 << 20);
        cache.get(digest(1), decoder(1));
        Path file = cache.fileOf(digest(1));
        byte[] bytes = Files.readAllBytes(file);
        // The first split's label count sits after magic, format, flag, shape, class names.
        int labelsAt = 6 + 4 + 1 + 12 + 4 + (2 + 3) + (2 + 3) + (2 + 5);
        bytes[labelsAt] = 0x7f;
        Files.write(file, bytes);
        assertSame(dataset(1), cache.get(digest(1), decoder(1)));
        assertEquals(2, decoded.get());
    }

    @Test
    void theLeastRecentlyUsedGoWhenTheCacheIsFull() throws IOException {
        long one = Files.size(writeOne());
        DecodedDatasetCache cache = cache(2 * one + one / 2); // room for two
        cache.get(digest(1), decoder(1));
        now = now.plusSeconds(60);
        cache.get(digest(2), decoder(2));
        now = now.plusSeconds(60);
        cache.get(digest(1), decoder(1)); // used again: 2 is now the oldest
        now = now.plusSeconds(60);
        cache.get(digest(3), decoder(3));

        assertTrue(Files.exists(cache.fileOf(digest(1))));
        assertFalse(Files.exists(cache.fileOf(digest(2))), "the least recently used was evicted");
        assertTrue(Files.exists(cache.fileOf(digest(3))));
        assertEquals(3, decoded.get());
    }

    private Path writeOne() throws IOException {
        DecodedDatasetCache probe = new DecodedDatasetCache(dir.resolve("probe"), 1 << 20, clock);
        probe.get(digest(9), decoder(9));
        decoded.set(0);
        return probe.fileOf(digest(9));
    }

    @Test
    void aDatasetLargerThanTheWholeCacheIsNotKept() throws IOException {
        DecodedDatasetCache cache = cache(100);
        cache.get(digest(1), decoder(1));
        cache.get(digest(1), decoder(1));
        assertEquals(2, decoded.get());
        assertFalse(Files.exists(cache.fileOf(digest(1))));
        try (var left = Files.list(dir.resolve("cache"))) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }

    @Test
    void aZeroLimitTurnsTheCacheOff() throws IOException {
        DecodedDatasetCache cache = cache(0);
        cache.get(digest(1), decoder(1));
        cache.get(digest(1), decoder(1));
        assertEquals(2, decoded.get());
        assertFalse(Files.exists(dir.resolve("cache")));
    }

    @Test
    void collectionRemovesWhatWasNotUsedWithinTheGracePeriod() throws IOException {
        DecodedDatasetCache cache = cache(1 << 20);
        cache.get(digest(1), decoder(1));
        long size = Files.size(cache.fileOf(digest(1)));
        now = now.plus(Duration.ofHours(30));
        cache.get(digest(2), decoder(2));
        Path stale = cache.fileOf(digest(3)).resolveSibling("old-format-v0.dataset");
        Files.write(stale, new byte[7]);
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(now));

        DecodedDatasetCache.Collected dry = cache.collect(Duration.ofHours(24), true);
        assertEquals(new DecodedDatasetCache.Collected(2, size + 7), dry, "the day-old file and the old format");
        assertTrue(Files.exists(cache.fileOf(digest(1))), "a dry run removes nothing");

        assertEquals(dry, cache.collect(Duration.ofHours(24), false));
        assertFalse(Files.exists(cache.fileOf(digest(1))));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(cache.fileOf(digest(2))), "used within the grace period");
        assertEquals(new DecodedDatasetCache.Collected(0, 0), cache.collect(Duration.ofHours(24), false));
    }
}
