package io.runvault.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy on logits with optional per-class weights, normalised like PyTorch's
 * {@code CrossEntropyLoss(weight=...)}: {@code sum(w[y] * -log p[y]) / sum(w[y])} over the batch
 * (the plain mean when there are no weights). Labels are class indices.
 */
final class ClassWeightedCrossEntropy extends Loss {

    private final int classes;
    private final float[] weights;

    ClassWeightedCrossEntropy(int classes, float[] weights) {
        super("cross_entropy");
        this.classes = classes;
        this.weights = weights;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logp = predictions.singletonOrThrow().logSoftmax(1);
        NDArray oneHot = labels.singletonOrThrow().oneHot(classes);
        NDArray picked = logp.mul(oneHot).sum(new int[] {1});
        if (weights == null) {
            return picked.mean().neg();
        }
        NDArray w = oneHot.mul(oneHot.getManager().create(weights)).sum(new int[] {1});
        return picked.mul(w).sum().div(w.sum()).neg();
    }

    /**
     * Balanced weights as scikit-learn computes them: {@code n / (k * count_c)} with k the number of
     * classes present (0 for a class with no examples).
     */
    static float[] balanced(int[] counts) {
        long n = 0;
        int present = 0;
        for (int c : counts) {
            n += c;
            present += c > 0 ? 1 : 0;
        }
        float[] w = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            w[i] = counts[i] == 0 ? 0f : (float) ((double) n / (present * (double) counts[i]));
        }
        return w;
    }
}
