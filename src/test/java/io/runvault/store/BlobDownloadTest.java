package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.RangeNotSatisfiableException;
import org.junit.jupiter.api.Test;

class BlobDownloadTest {

    @Test
    void singleRangesAreParsedInclusive() {
        assertArrayEquals(new long[] {0, 9}, BlobDownload.parseRange("bytes=0-9", 100));
        assertArrayEquals(new long[] {90, 99}, BlobDownload.parseRange("bytes=90-", 100));
        assertArrayEquals(new long[] {80, 99}, BlobDownload.parseRange("bytes=-20", 100));
        assertArrayEquals(new long[] {0, 99}, BlobDownload.parseRange("bytes=-500", 100));
        assertArrayEquals(new long[] {50, 99}, BlobDownload.parseRange("bytes=50-5000", 100));
    }

    @Test
    void multipleRangesAndOtherUnitsServeTheWholeObject() {
        assertNull(BlobDownload.parseRange("bytes=0-1,5-6", 100));
        assertNull(BlobDownload.parseRange("items=0-1", 100));
    }

    @Test
    void impossibleRangesAreRefused() {
        for (String range : new String[] {"bytes=100-", "bytes=5-2", "bytes=-0", "bytes=-", "bytes=a-b",
                "bytes=99999999999999999999-"}) {
            assertThrows(RangeNotSatisfiableException.class, () -> BlobDownload.parseRange(range, 100), range);
        }
    }
}
