package io.runvault.studies;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A CART regression tree (squared error, every feature considered at every split), grown on a subset
 * of the rows until nodes are pure or hold {@code minLeaf} rows, with the functional ANOVA pieces
 * that {@link ParamImportance} needs: the variance of the tree over a box, and of one feature's
 * marginal (the tree averaged over the other features, uniformly in the box).
 */
final class RegressionTree {

    private static final int MAX_DEPTH = 32;

    // Nodes in arrays: feature < 0 marks a leaf holding value[node].
    private int[] feature = new int[16];
    private double[] threshold = new double[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private double[] value = new double[16];
    private int size;

    private final SplittableRandom random;

    /** {@code random} orders the features at each node, so that equally good splits are chosen fairly. */
    RegressionTree(double[][] x, double[] y, int[] rows, int minLeaf, SplittableRandom random) {
        this.random = random;
        grow(x, y, rows.clone(), minLeaf, 0);
    }

    double predict(double[] row) {
        int node = 0;
        while (feature[node] >= 0) {
            node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    private int grow(double[][] x, double[] y, int[] rows, int minLeaf, int depth) {
        int node = newNode();
        double mean = 0;
        for (int r : rows) {
            mean += y[r];
        }
        mean /= rows.length;
        value[node] = mean;
        feature[node] = -1;
        if (rows.length < 2 * minLeaf || depth >= MAX_DEPTH) {
            return node;
        }
        int bestFeature = -1;
        double bestThreshold = 0;
        double bestSse = Double.POSITIVE_INFINITY;
        int d = x[rows[0]].length;
        Integer[] order = new Integer[rows.length];
        int[] features = new int[d];
        for (int j = 0; j < d; j++) {
            features[j] = j;
        }
        for (int j = d - 1; j > 0; j--) {
            int k = random.nextInt(j + 1);
            int tmp = features[j];
            features[j] = features[k];
            features[k] = tmp;
        }
        for (int j : features) {
            for (int i = 0; i < rows.length; i++) {
                order[i] = rows[i];
            }
            int col = j;
            Arrays.sort(order, (a, b) -> Double.compare(x[a][col], x[b][col]));
            double sumLeft = 0;
            double sqLeft = 0;
            double sumAll = 0;
            double sqAll = 0;
            for (int r : rows) {
                sumAll += y[r];
                sqAll += y[r] * y[r];
            }
            for (int i = 0; i < rows.length - 1; i++) {
                double v = y[order[i]];
                sumLeft += v;
                sqLeft += v * v;
                int nl = i + 1;
                int nr = rows.length - nl;
                if (nl < minLeaf || nr < minLeaf || x[order[i]][j] == x[order[i + 1]][j]) {
                    continue;
                }
                double sse = (sqLeft - sumLeft * sumLeft / nl) + ((sqAll - sqLeft) - (sumAll - sumLeft) * (sumAll - sumLeft) / nr);
                if (sse < bestSse - 1e-12) {
                    bestSse = sse;
                    bestFeature = j;
                    bestThreshold = 0.5 * (x[order[i]][j] + x[order[i + 1]][j]);
                }
            }
        }
        if (bestFeature < 0) {
            return node;
        }
        int f = bestFeature;
        double t = bestThreshold;
        int[] l = Arrays.stream(rows).filter(r -> x[r][f] <= t).toArray();
        int[] r = Arrays.stream(rows).filter(q -> x[q][f] > t).toArray();
        feature[node] = f;
        threshold[node] = t;
        int ln = grow(x, y, l, minLeaf, depth + 1);
        int rn = grow(x, y, r, minLeaf, depth + 1);
        left[node] = ln;
        right[node] = rn;
        return node;
    }

    /** Variance of the prediction over the box [lo, hi], features uniform and independent. */
    double variance(double[] lo, double[] hi) {
        double[] moments = new double[2];
        moments(0, lo.clone(), hi.clone(), 1.0, moments);
        return Math.max(0, moments[1] - moments[0] * moments[0]);
    }

    private void moments(int node, double[] lo, double[] hi, double mass, double[] acc) {
        if (feature[node] < 0) {
            acc[0] += mass * value[node];
            acc[1] += mass * value[node] * value[node];
            return;
        }
        int f = feature[node];
        double t = threshold[node];
        double w = splitShare(t, lo[f], hi[f]);
        if (w > 0) {
            double saved = hi[f];
            hi[f] = Math.min(hi[f], t);
            moments(left[node], lo, hi, mass * w, acc);
            hi[f] = saved;
        }
        if (w < 1) {
            double saved = lo[f];
            lo[f] = Math.max(lo[f], t);
            moments(right[node], lo, hi, mass * (1 - w), acc);
            lo[f] = saved;
        }
    }

    /**
     * Variance of feature j's marginal over the box: the tree is piecewise constant in x_j between
     * its thresholds on j, so the marginal is evaluated once per piece and weighted by its width.
     */
    double marginalVariance(int j, double[] lo, double[] hi) {
        double[] cuts = java.util.stream.IntStream.range(0, size)
                .filter(n -> feature[n] == j && threshold[n] > lo[j] && threshold[n] < hi[j])
                .mapToDouble(n -> threshold[n]).sorted().distinct().toArray();
        double mean = 0;
        double sq = 0;
        double from = lo[j];
        for (int i = 0; i <= cuts.length; i++) {
            double to = i < cuts.length ? cuts[i] : hi[j];
            double w = (to - from) / (hi[j] - lo[j]);
            double e = expectation(0, lo.clone(), hi.clone(), j, 0.5 * (from + to));
            mean += w * e;
            sq += w * e * e;
            from = to;
        }
        return Math.max(0, sq - mean * mean);
    }

    /** The mean prediction over the box with feature j fixed at v. */
    private double expectation(int node, double[] lo, double[] hi, int j, double v) {
        if (feature[node] < 0) {
            return value[node];
        }
        int f = feature[node];
        double t = threshold[node];
        if (f == j) {
            return expectation(v <= t ? left[node] : right[node], lo, hi, j, v);
        }
        double w = splitShare(t, lo[f], hi[f]);
        double sum = 0;
        if (w > 0) {
            double saved = hi[f];
            hi[f] = Math.min(hi[f], t);
            sum += w * expectation(left[node], lo, hi, j, v);
            hi[f] = saved;
        }
        if (w < 1) {
            double saved = lo[f];
            lo[f] = Math.max(lo[f], t);
            sum += (1 - w) * expectation(right[node], lo, hi, j, v);
            lo[f] = saved;
        }
        return sum;
    }

    /** The share of [lo, hi] at or below t. */
    private static double splitShare(double t, double lo, double hi) {
        if (t <= lo) {
            return 0;
        }
        if (t >= hi) {
            return 1;
        }
        return (t - lo) / (hi - lo);
    }

    private int newNode() {
        if (size == feature.length) {
            int n = size * 2;
            feature = Arrays.copyOf(feature, n);
            threshold = Arrays.copyOf(threshold, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            value = Arrays.copyOf(value, n);
        }
        return size++;
    }
}
