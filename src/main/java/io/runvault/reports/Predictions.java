package io.runvault.reports;

import java.util.List;
import java.util.Objects;

/**
 * A model's class probabilities for labelled samples (e.g. the validation set): {@code trueLabels[i]}
 * is sample i's class index into {@code classNames}; {@code probabilities} holds N x K scores
 * row-major (sample i's score for class k at {@code i * K + k}), all finite. The predicted class is
 * the arg-max (the first on ties, as numpy's argmax). The arrays are copied on the way in and out.
 */
public record Predictions(List<String> classNames, int[] trueLabels, double[] probabilities) {

    public Predictions {
        classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("no class names");
        }
        trueLabels = Objects.requireNonNull(trueLabels, "trueLabels").clone();
        probabilities = Objects.requireNonNull(probabilities, "probabilities").clone();
        int k = classNames.size();
        if ((long) trueLabels.length * k != probabilities.length) {
            throw new IllegalArgumentException(trueLabels.length + " samples x " + k + " classes needs "
                    + (long) trueLabels.length * k + " probabilities, got " + probabilities.length);
        }
        for (int i = 0; i < trueLabels.length; i++) {
            if (trueLabels[i] < 0 || trueLabels[i] >= k) {
                throw new IllegalArgumentException("sample " + i + ": label " + trueLabels[i] + " is not in [0, " + k + ")");
            }
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (!Double.isFinite(probabilities[i])) {
                throw new IllegalArgumentException("sample " + i / k + ": non-finite score " + probabilities[i]);
            }
        }
    }

    /** From one row of K scores per sample. */
    public static Predictions fromRows(List<String> classNames, int[] trueLabels, double[][] rows) {
        int k = classNames.size();
        double[] flat = new double[Math.multiplyExact(rows.length, k)];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != k) {
                throw new IllegalArgumentException("sample " + i + " has " + rows[i].length + " scores, not " + k);
            }
            System.arraycopy(rows[i], 0, flat, i * k, k);
        }
        return new Predictions(classNames, trueLabels, flat);
    }

    /** From float32 scores, N x K row-major (as a model's output tensor flattens). */
    public static Predictions fromFloats(List<String> classNames, int[] trueLabels, float[] scores) {
        double[] flat = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flat[i] = scores[i];
        }
        return new Predictions(classNames, trueLabels, flat);
    }

    @Override
    public int[] trueLabels() {
        return trueLabels.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    public int size() {
        return trueLabels.length;
    }

    public int numClasses() {
        return classNames.size();
    }

    public int trueLabel(int sample) {
        return trueLabels[sample];
    }

    public double probability(int sample, int cls) {
        Objects.checkIndex(cls, classNames.size());
        return probabilities[sample * classNames.size() + cls];
    }

    /** The arg-max class of a sample (the lowest index among equal maxima). */
    public int predicted(int sample) {
        int k = classNames.size();
        int base = sample * k;
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (probabilities[base + c] > probabilities[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
