package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.RangeNotSatisfiableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static Optional<ByteRange> parse(String header) {
        return ByteRange.parse(header, 100);
    }

    @Test
    void singleRangesAreParsedInclusive() {
        assertEquals(Optional.of(new ByteRange(0, 9)), parse("bytes=0-9"));
        assertEquals(Optional.of(new ByteRange(90, 99)), parse("bytes=90-"));
        assertEquals(Optional.of(new ByteRange(80, 99)), parse("bytes=-20"));
        assertEquals(Optional.of(new ByteRange(0, 99)), parse("bytes=-500"));
        assertEquals(Optional.of(new ByteRange(50, 99)), parse("bytes=50-5000"));
        assertEquals(Optional.of(new ByteRange(3, 3)), parse("Bytes=3-3"));
        assertEquals(10, new ByteRange(0, 9).length());
    }

    @Test
    void positionsBeyondALongAreClampedToTheEnd() {
        assertEquals(Optional.of(new ByteRange(0, 99)), parse("bytes=0-99999999999999999999"));
        assertEquals(Optional.of(new ByteRange(0, 99)), parse("bytes=-99999999999999999999"));
    }

    @Test
    void invalidHeadersAreIgnoredSoTheWholeObjectIsServed() {
        for (String range : new String[] {"bytes=abc", "bytes=a-b", "bytes=-", "bytes=", "bytes=5-2", "bytes=0-1,5-6",
                "items=0-1", "0-9", "bytes=1.5-2", "bytes=--1", ""}) {
            assertEquals(Optional.empty(), parse(range), range);
        }
        assertEquals(Optional.empty(), ByteRange.parse(null, 100));
    }

    @Test
    void validRangesSelectingNoByteAreRefused() {
        for (String range : new String[] {"bytes=100-", "bytes=-0", "bytes=99999999999999999999-", "bytes=200-300"}) {
            assertThrows(RangeNotSatisfiableException.class, () -> parse(range), range);
        }
        assertThrows(RangeNotSatisfiableException.class, () -> ByteRange.parse("bytes=0-", 0));
    }
}
