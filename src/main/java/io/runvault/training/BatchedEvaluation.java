package io.runvault.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.runvault.datasets.LabelledImages;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Scores a network on labelled images, a batch at a time, in inference mode. */
final class BatchedEvaluation {

    private BatchedEvaluation() {}

    /**
     * Softmax outputs of {@code forward} (images to logits) on every image of {@code data}, scored.
     *
     * @param parent the manager whose sub-managers hold each batch's arrays
     */
    static Evaluation run(UnaryOperator<NDList> forward, NDManager parent, LabelledImages data, int batchSize) {
        int n = data.size();
        int size = data.imageSize();
        int k = data.numClasses();
        float[][] probabilities = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int b = Math.min(batchSize, n - from);
            try (NDManager bm = parent.newSubManager()) {
                NDArray x = bm.create(data.pixels(from, b),
                        new Shape(b, data.channels(), data.height(), data.width()));
                float[] flat = forward.apply(new NDList(x)).singletonOrThrow().softmax(1).toFloatArray();
                for (int i = 0; i < b; i++) {
                    probabilities[from + i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
                }
            }
        }
        return Evaluation.of(probabilities, data.labels(), data.classNames());
    }
}
