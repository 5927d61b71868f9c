package io.runvault.evaluation;

/**
 * A trained model as the evaluation jobs see it, whatever runs it (DJL, ONNX Runtime): a batch
 * of images in, class probabilities out. Implementations wrap their engine's checked exceptions
 * in unchecked ones; an evaluation stops at the first.
 */
@FunctionalInterface
public interface Classifier {

    /**
     * Classifies a batch.
     *
     * @param pixels the images, N x C x H x W row-major, scaled as {@link io.runvault.datasets.LabelledImages} scales them
     * @param shape {@code {N, C, H, W}}
     * @return N rows of one probability per class
     */
    float[][] classify(float[] pixels, int[] shape);
}
