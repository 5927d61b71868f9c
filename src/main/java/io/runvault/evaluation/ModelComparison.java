package io.runvault.evaluation;

import io.runvault.reports.Predictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Compares models scored on the same test samples (same labels, same order), as the users'
 * model-comparison scripts do: accuracy, macro F1 and macro one-vs-rest AUC per model with 95 %
 * bootstrap percentile intervals, and for every pair McNemar's test and the paired bootstrap
 * difference of each metric. All models are scored on the same B replicates, which makes the
 * differences paired and the whole comparison a function of the seed.
 */
public final class ModelComparison {

    /** The metrics compared, in table order. */
    public static final List<String> METRICS = List.of("accuracy", "macro_f1", "auc_ovr");
    public static final double LEVEL = 0.95;

    private ModelComparison() {
    }

    /** Compares with {@value Bootstrap#DEFAULT_RESAMPLES} resamples. */
    public static ComparisonResult compare(List<ComparedModel> models, long seed) {
        return compare(models, seed, Bootstrap.DEFAULT_RESAMPLES);
    }

    public static ComparisonResult compare(List<ComparedModel> models, long seed, int resamples) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        Predictions first = models.get(0).predictions();
        HashSet<String> names = new HashSet<>();
        for (ComparedModel m : models) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("model name " + m.name() + " appears twice");
            }
            if (!m.predictions().classNames().equals(first.classNames())
                    || !Arrays.equals(m.predictions().trueLabels(), first.trueLabels())) {
                throw new IllegalArgumentException(m.name() + " was not scored on the same test samples and classes as "
                        + models.get(0).name());
            }
        }
        int n = first.size();
        Bootstrap.checkArguments(n, resamples, LEVEL);
        List<WeightedScores> scores = models.stream().map(m -> new WeightedScores(m.predictions())).toList();
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        int mCount = models.size();
        double[][] estimates = new double[mCount][];
        for (int m = 0; m < mCount; m++) {
            estimates[m] = values(scores.get(m), ones);
        }
        // replicates[model][metric][b]
        double[][][] replicates = new double[mCount][METRICS.size()][resamples];
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[n];
        for (int b = 0; b < resamples; b++) {
            Bootstrap.resample(counts, random);
            for (int m = 0; m < mCount; m++) {
                double[] v = values(scores.get(m), counts);
                for (int q = 0; q < v.length; q++) {
                    replicates[m][q][b] = v[q];
                }
            }
        }
        List<ModelMetrics> perModel = new ArrayList<>();
        for (int m = 0; m < mCount; m++) {
            Map<String, ConfidenceInterval> cis = new LinkedHashMap<>();
            for (int q = 0; q < METRICS.size(); q++) {
                cis.put(METRICS.get(q), Bootstrap.interval(estimates[m][q], replicates[m][q], LEVEL));
            }
            perModel.add(new ModelMetrics(models.get(m).name(), cis));
        }
        List<PairwiseComparison> pairs = new ArrayList<>();
        for (int a = 0; a < mCount; a++) {
            for (int b = a + 1; b < mCount; b++) {
                List<PairedDifference> diffs = new ArrayList<>();
                for (int q = 0; q < METRICS.size(); q++) {
                    double[] d = new double[resamples];
                    for (int r = 0; r < resamples; r++) {
                        d[r] = replicates[a][q][r] - replicates[b][q][r];
                    }
                    ConfidenceInterval ci = Bootstrap.interval(estimates[a][q] - estimates[b][q], d, LEVEL);
                    diffs.add(new PairedDifference(METRICS.get(q), ci.estimate(), ci.lower(), ci.upper(), LEVEL,
                            Bootstrap.pValue(d)));
                }
                pairs.add(new PairwiseComparison(models.get(a).name(), models.get(b).name(),
                        mcnemar(scores.get(a), scores.get(b)), diffs));
            }
        }
        return new ComparisonResult(n, seed, resamples, LEVEL, perModel, pairs);
    }

    private static double[] values(WeightedScores s, int[] counts) {
        return new double[] {s.accuracy(counts), s.macroF1(counts), s.macroAuc(counts)};
    }

    private static McNemarTest mcnemar(WeightedScores a, WeightedScores b) {
        boolean[] ra = new boolean[a.size()];
        boolean[] rb = new boolean[b.size()];
        for (int i = 0; i < ra.length; i++) {
            ra[i] = a.correct(i);
            rb[i] = b.correct(i);
        }
        return McNemarTest.of(ra, rb);
    }
}
