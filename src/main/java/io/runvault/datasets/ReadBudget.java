package io.runvault.datasets;

/**
 * What one dataset parse may hold in memory, charged in the bytes actually held as they are
 * allocated: inflated archive bytes, decoded values, the float pixels of every split and every copy
 * of them. Refusing before allocating keeps a small upload that declares a huge array from
 * exhausting the heap. Not thread-safe: one budget per parse.
 */
final class ReadBudget {

    private final long limit;
    private final int maxEntries;
    private long used;

    private ReadBudget(long limit, int maxEntries) {
        this.limit = limit;
        this.maxEntries = maxEntries;
    }

    /** The budget of one parse under these limits ({@link DatasetLimits#maxUnpackedBytes()}, entries). */
    static ReadBudget of(DatasetLimits limits) {
        return limits == null ? unlimited() : new ReadBudget(limits.maxUnpackedBytes(), limits.maxEntries());
    }

    /** No bound: reading back datasets that were checked when they were registered. */
    static ReadBudget unlimited() {
        return new ReadBudget(Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Most archive entries or CSV rows. */
    int maxEntries() {
        return maxEntries;
    }

    long limit() {
        return limit;
    }

    long remaining() {
        return limit - used;
    }

    /** Charges {@code bytes} about to be held; over the limit, nothing more may be allocated. */
    void charge(long bytes, String what) throws DatasetTooLargeException {
        require(bytes, what);
        used += bytes;
    }

    /** Checks that {@code bytes} held only for a moment (a decoder's buffer) still fit, without charging them. */
    void require(long bytes, String what) throws DatasetTooLargeException {
        if (bytes < 0 || bytes > remaining()) {
            throw new DatasetTooLargeException("reading the dataset would hold more than " + limit
                    + " bytes in memory (at " + what + ")");
        }
    }

    /** Charges a copy of {@code images} (pixels as they are held and labels as ints). */
    void chargeCopy(LabelledImages images, String what) throws DatasetTooLargeException {
        charge(images.pixelBytes() + (long) Integer.BYTES * images.labels().length, what);
    }

    /** The bytes of {@code count} floats. */
    static long floats(long count) {
        return count * Float.BYTES;
    }
}
