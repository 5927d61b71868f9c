package io.runvault.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The nonparametric bootstrap over test samples. A replicate draws n samples with replacement; it
 * is represented by how often each sample was drawn ({@code counts[i]}), so statistics are
 * computed by weighting rather than by copying data, and several models scored on the same
 * replicate are paired. Replicates come from one {@link SplittableRandom} seeded by the caller,
 * so a seed fixes every interval and p-value.
 */
public final class Bootstrap {

    /** Efron and Tibshirani's usual count for percentile intervals. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** A statistic of a weighted sample: {@code counts[i]} copies of sample i. */
    @FunctionalInterface
    public interface Statistic {
        double value(int[] counts);
    }

    private Bootstrap() {
    }

    /** Fills {@code counts} (length n) with the multiplicities of n draws with replacement. */
    public static void resample(int[] counts, SplittableRandom random) {
        Arrays.fill(counts, 0);
        int n = counts.length;
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
    }

    /** The percentile interval of a statistic over n samples. */
    public static ConfidenceInterval percentileInterval(int n, Statistic statistic, int resamples, long seed, double level) {
        checkArguments(n, resamples, level);
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        double estimate = statistic.value(ones);
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[n];
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            resample(counts, random);
            replicates[b] = statistic.value(counts);
        }
        return interval(estimate, replicates, level);
    }

    /**
     * The percentile interval from replicates: the (1 - level) / 2 and (1 + level) / 2 quantiles,
     * linearly interpolated (numpy's default). NaN replicates (a statistic undefined on that
     * resample) are left out; with none left the bounds are NaN.
     */
    public static ConfidenceInterval interval(double estimate, double[] replicates, double level) {
        double[] sorted = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return new ConfidenceInterval(estimate, quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), level);
    }

    /**
     * Two-sided bootstrap p-value of "the difference is 0", by inverting the percentile interval:
     * {@code min(1, 2 (1 + min(#{d <= 0}, #{d >= 0})) / (B + 1))} over the B defined replicates d.
     * It is below alpha about when the (1 - alpha) percentile interval leaves out 0, and the +1
     * keeps it above 0 for a finite B.
     */
    public static double pValue(double[] differences) {
        long below = 0, above = 0, defined = 0;
        for (double d : differences) {
            if (Double.isNaN(d)) {
                continue;
            }
            defined++;
            if (d <= 0) {
                below++;
            }
            if (d >= 0) {
                above++;
            }
        }
        if (defined == 0) {
            return Double.NaN;
        }
        return Math.min(1.0, 2.0 * (1 + Math.min(below, above)) / (defined + 1));
    }

    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
    }

    static void checkArguments(int n, int resamples, double level) {
        if (n <= 0) {
            throw new IllegalArgumentException("no samples to resample");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
    }
}
