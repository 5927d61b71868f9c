package io.runvault.store;

import io.runvault.problem.RangeNotSatisfiableException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of an object, inclusive, parsed from a {@code Range} header as RFC 9110
 * section 14 says: a header that is not a valid single {@code bytes} range is ignored (the whole object
 * is served), positions past the end are clamped, and only a valid range that selects no byte is refused.
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("(?i:bytes)=[ \\t]*(?:(\\d+)-(\\d*)|-(\\d+))[ \\t]*");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public long length() {
        return last - first + 1;
    }

    /** The range to serve, or empty to serve the whole object; a valid range selecting no byte is a 416. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches()) {
            // Another unit, several ranges, or not the grammar at all: RFC 9110 says ignore the header.
            return Optional.empty();
        }
        if (m.group(3) != null) {
            long suffix = clamped(m.group(3));
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(header, size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = clamped(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : clamped(m.group(2));
        if (last < first) {
            // last-pos before first-pos makes the range-spec invalid, not unsatisfiable: ignored.
            return Optional.empty();
        }
        if (first >= size) {
            throw unsatisfiable(header, size);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** Digits beyond a long mean "beyond any object": the same as Long.MAX_VALUE. */
    private static long clamped(String digits) {
        BigInteger value = new BigInteger(digits);
        return value.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : value.longValue();
    }

    private static RangeNotSatisfiableException unsatisfiable(String header, long size) {
        return new RangeNotSatisfiableException("range-not-satisfiable",
                "Range '" + (header.length() > 64 ? header.substring(0, 64) : header) + "' does not fit a "
                        + size + "-byte object", Map.of("size", size));
    }
}
