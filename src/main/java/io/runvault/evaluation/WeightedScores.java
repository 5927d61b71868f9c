package io.runvault.evaluation;

import io.runvault.reports.Predictions;
import java.util.Arrays;

/**
 * Accuracy, macro F1 and macro one-vs-rest ROC AUC of one model's predictions with each sample
 * weighted by a bootstrap count. With every count 1 they equal
 * {@link io.runvault.reports.ClassificationReport}'s values (same conventions: F1 0 where
 * undefined, AUC by Mann-Whitney with ties counting one half, classes without positives or
 * negatives left out of the macro AUC). Samples are sorted by each class's score once, so a
 * replicate costs O(n K) rather than a sort per class.
 */
final class WeightedScores {

    private final int n;
    private final int k;
    private final int[] labels;
    private final int[] predicted;
    /** Per class: sample indices by ascending score, and where each run of tied scores starts. */
    private final int[][] order;
    private final int[][] tieStarts;

    WeightedScores(Predictions p) {
        n = p.size();
        k = p.numClasses();
        labels = p.trueLabels();
        predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = p.predicted(i);
        }
        order = new int[k][];
        tieStarts = new int[k][];
        for (int c = 0; c < k; c++) {
            final int cls = c;
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(p.probability(a, cls), p.probability(b, cls)));
            order[c] = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
            int[] starts = new int[n + 1];
            int runs = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || p.probability(order[c][i], cls) != p.probability(order[c][i - 1], cls)) {
                    starts[runs++] = i;
                }
            }
            starts[runs++] = n;
            tieStarts[c] = Arrays.copyOf(starts, runs);
        }
    }

    int size() {
        return n;
    }

    boolean correct(int i) {
        return labels[i] == predicted[i];
    }

    double accuracy(int[] counts) {
        long right = 0, total = 0;
        for (int i = 0; i < n; i++) {
            total += counts[i];
            if (labels[i] == predicted[i]) {
                right += counts[i];
            }
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    double macroF1(int[] counts) {
        long[] tp = new long[k];
        long[] support = new long[k];
        long[] predictedAs = new long[k];
        for (int i = 0; i < n; i++) {
            int w = counts[i];
            support[labels[i]] += w;
            predictedAs[predicted[i]] += w;
            if (labels[i] == predicted[i]) {
                tp[labels[i]] += w;
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double precision = predictedAs[c] == 0 ? 0 : (double) tp[c] / predictedAs[c];
            double recall = support[c] == 0 ? 0 : (double) tp[c] / support[c];
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / k;
    }

    double macroAuc(int[] counts) {
        double sum = 0;
        int defined = 0;
        for (int c = 0; c < k; c++) {
            double auc = auc(c, counts);
            if (!Double.isNaN(auc)) {
                sum += auc;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    /** Weighted Mann-Whitney: each positive-negative pair counts w_pos w_neg, ties one half. */
    private double auc(int c, int[] counts) {
        int[] ord = order[c];
        int[] starts = tieStarts[c];
        double twiceU = 0;
        long negativesBelow = 0;
        long positives = 0;
        for (int r = 0; r + 1 < starts.length; r++) {
            long pos = 0, neg = 0;
            for (int j = starts[r]; j < starts[r + 1]; j++) {
                int i = ord[j];
                if (labels[i] == c) {
                    pos += counts[i];
                } else {
                    neg += counts[i];
                }
            }
            twiceU += (double) pos * (2 * negativesBelow + neg);
            negativesBelow += neg;
            positives += pos;
        }
        if (positives == 0 || negativesBelow == 0) {
            return Double.NaN;
        }
        return twiceU / (2.0 * positives * negativesBelow);
    }
}
