package io.runvault.studies;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hyperparameter importance by functional ANOVA (fANOVA) on a seeded random forest, the method of
 * Optuna's default FanovaImportanceEvaluator (Hutter, Hoos and Leyton-Brown 2014). A forest of
 * {@value #TREES} fully grown regression trees, each on a bootstrap sample of the COMPLETE trials
 * (parameters in their sampling space: log scale for log ranges, a categorical's choice index; the
 * objective value as target), is read as a function on the search-space box. For every tree, a
 * parameter's importance is the variance of its main effect (the tree averaged over all other
 * parameters, uniformly) as a fraction of the tree's total variance; these are averaged over the trees
 * and normalised to sum to 1. Only first-order effects are reported, as Optuna does. Everything random
 * comes from the seed, so the same trials and seed always give the same ranking.
 */
public final class ParamImportance {

    static final int TREES = 64;
    private static final int MIN_LEAF = 1;

    private ParamImportance() {}

    /**
     * Importance per parameter of the space, most important first, summing to 1 (all 0 when the
     * objective does not vary).
     *
     * @throws IllegalArgumentException with fewer than 2 usable (COMPLETE, finite) trials
     */
    public static Map<String, Double> evaluate(SearchSpace space, List<Trial> trials, long seed) {
        List<String> names = space.names();
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETE || !Double.isFinite(t.value())) {
                continue;
            }
            double[] row = new double[names.size()];
            boolean usable = true;
            for (int j = 0; j < names.size() && usable; j++) {
                Distribution d = space.get(names.get(j));
                usable = d.equals(t.distributions().get(names.get(j)));
                if (usable) {
                    row[j] = ParzenEstimator.toSamplingSpace(d, d.toInternal(t.params().get(names.get(j))));
                }
            }
            if (usable) {
                rows.add(row);
                targets.add(t.value());
            }
        }
        if (rows.size() < 2) {
            throw new IllegalArgumentException("importance needs at least 2 complete trials, got " + rows.size());
        }
        double[][] x = rows.toArray(new double[0][]);
        double[] y = targets.stream().mapToDouble(Double::doubleValue).toArray();
        double[] lo = new double[names.size()];
        double[] hi = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            double[] range = range(space.get(names.get(j)));
            lo[j] = range[0];
            hi[j] = range[1];
        }
        double[] importance = fanova(x, y, lo, hi, new SplittableRandom(seed));

        double total = 0;
        for (double v : importance) {
            total += v;
        }
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            byName.put(names.get(j), total > 0 ? importance[j] / total : 0.0);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The box a parameter spans in the sampling space (discrete values in the middle of their cells). */
    static double[] range(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return new double[] {-0.5, c.choices().size() - 0.5};
        }
        if (d instanceof IntDistribution i) {
            return i.log() ? new double[] {Math.log(i.low() - 0.5), Math.log(i.high() + 0.5)}
                    : new double[] {i.low() - 0.5 * i.step(), i.high() + 0.5 * i.step()};
        }
        FloatDistribution f = (FloatDistribution) d;
        if (f.log()) {
            return new double[] {Math.log(f.low()), Math.log(f.high())};
        }
        double half = f.step() == null ? 0 : 0.5 * f.step();
        return new double[] {f.low() - half, f.high() + half};
    }

    static double[] fanova(double[][] x, double[] y, double[] lo, double[] hi, SplittableRandom random) {
        int n = x.length;
        int d = lo.length;
        double[] sum = new double[d];
        for (int t = 0; t < TREES; t++) {
            int[] sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            RegressionTree tree = new RegressionTree(x, y, sample, MIN_LEAF, random);
            double total = tree.variance(lo, hi);
            if (total <= 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                if (hi[j] > lo[j]) {
                    sum[j] += tree.marginalVariance(j, lo, hi) / total;
                }
            }
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = sum[j] / TREES;
        }
        return out;
    }
}
