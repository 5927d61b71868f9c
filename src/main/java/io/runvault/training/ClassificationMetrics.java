package io.runvault.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Metrics of a multi-class classifier computed from its class probabilities and the true labels.
 * Conventions (scikit-learn's): precision, recall or F1 of a class with no predictions or no support
 * is 0; macro averages are unweighted means over all classes; the macro one-vs-rest AUC averages the
 * classes that have both positive and negative examples (NaN when none has).
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {}

    /** Index of the largest probability in each row (the first one on ties). */
    public static int[] argmax(float[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = probabilities[i];
            int best = 0;
            for (int k = 1; k < row.length; k++) {
                if (row[k] > row[best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Fraction of predictions equal to the labels. */
    public static double accuracy(int[] labels, int[] predictions) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += labels[i] == predictions[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
    }

    /** Mean negative log-likelihood of the true class (probabilities clamped at 1e-12). */
    public static double logLoss(int[] labels, float[][] probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(probabilities[i][labels[i]], 1e-12));
        }
        return labels.length == 0 ? Double.NaN : sum / labels.length;
    }

    /** {@code m[true][predicted]} counts. */
    public static int[][] confusionMatrix(int[] labels, int[] predictions, int classes) {
        int[][] m = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][predictions[i]]++;
        }
        return m;
    }

    /** Per-class precision, recall, F1 and support from a confusion matrix. */
    public static List<ClassReport> perClass(int[][] confusion, List<String> classNames) {
        int k = confusion.length;
        List<ClassReport> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int support = Arrays.stream(confusion[c]).sum();
            int predicted = 0;
            for (int[] row : confusion) {
                predicted += row[c];
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.add(new ClassReport(classNames.get(c), precision, recall, f1, support));
        }
        return out;
    }

    /** Unweighted mean F1 over the classes. */
    public static double macroF1(int[][] confusion) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            names.add(Integer.toString(c));
        }
        return perClass(confusion, names).stream().mapToDouble(ClassReport::f1).average().orElse(Double.NaN);
    }

    /** Macro average of the one-vs-rest ROC AUCs of the classes. */
    public static double macroAucOvr(int[] labels, float[][] probabilities, int classes) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double auc = binaryAuc(labels, probabilities, c);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * ROC AUC of "class c" against the rest, scoring by the probability of c: the Mann-Whitney U
     * statistic with average ranks for ties. NaN if either side is empty.
     */
    public static double binaryAuc(int[] labels, float[][] probabilities, int c) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(probabilities[a][c], probabilities[b][c]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            float v = probabilities[order[i]][c];
            while (j + 1 < n && probabilities[order[j + 1]][c] == v) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == c) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean recall over the classes that have support (scikit-learn's balanced_accuracy_score). */
    public static double balancedAccuracy(int[][] confusion) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < confusion.length; c++) {
            int support = Arrays.stream(confusion[c]).sum();
            if (support > 0) {
                sum += (double) confusion[c][c] / support;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * Cohen's kappa with quadratic weights (scikit-learn's cohen_kappa_score(weights="quadratic")):
     * disagreement between classes i and j costs (i - j)^2, so it suits ordered classes (such as
     * severity grades) and is still reported for unordered ones.
     */
    public static double quadraticKappa(int[][] confusion) {
        int k = confusion.length;
        double[] rows = new double[k];
        double[] cols = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += confusion[i][j];
                cols[j] += confusion[i][j];
                total += confusion[i][j];
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = (double) (i - j) * (i - j);
                observed += w * confusion[i][j];
                expected += w * rows[i] * cols[j] / total;
            }
        }
        return expected == 0 ? Double.NaN : 1 - observed / expected;
    }

    /**
     * Expected calibration error over {@code bins} equal-width confidence bins: the sample-weighted
     * mean gap between the top-class confidence and the accuracy within each bin (Guo et al. 2017).
     */
    public static double expectedCalibrationError(int[] labels, float[][] probabilities, int bins) {
        int n = labels.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] confidence = new double[bins];
        int[] correct = new int[bins];
        int[] count = new int[bins];
        int[] predicted = argmax(probabilities);
        for (int i = 0; i < n; i++) {
            double p = probabilities[i][predicted[i]];
            // Bins are (lo, hi]; a confidence of exactly 0 goes to the first.
            int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(p * bins) - 1));
            confidence[b] += p;
            correct[b] += predicted[i] == labels[i] ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(confidence[b] / count[b] - (double) correct[b] / count[b]) * count[b] / n;
            }
        }
        return ece;
    }
}
