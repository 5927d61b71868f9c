package io.runvault.datasets;

/**
 * Bounds on what one dataset may cost to read: {@code maxSourceBytes} of files as stored (the
 * upload), {@code maxUnpackedBytes} of memory held while reading it (inflated bytes, decoded
 * values, float pixels and their copies: see {@link ReadBudget}), {@code maxEntries} archive
 * entries or CSV rows.
 */
public record DatasetLimits(long maxSourceBytes, long maxUnpackedBytes, int maxEntries) {

    public DatasetLimits {
        if (maxSourceBytes <= 0 || maxUnpackedBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("dataset limits must be positive");
        }
    }
}
