package io.runvault.evaluation;

import java.util.List;

/**
 * A comparison of models on one test set: per-model metrics with bootstrap intervals, every pair's
 * tests (A before B in the order given), and how the bootstrap ran.
 */
public record ComparisonResult(int samples, long seed, int resamples, double level, List<ModelMetrics> models,
        List<PairwiseComparison> pairs) {

    public ComparisonResult {
        models = List.copyOf(models);
        pairs = List.copyOf(pairs);
    }
}
