package io.runvault.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of labelled images: {@code size} images of {@code channels x height x width}
 * pixels in one row-major float array (N x C x H x W, each value scaled to [0, 1]), an int label per
 * image in {@code [0, classNames.size())}, and the names of the classes.
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 */
public record LabelledImages(
        float[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {

    public LabelledImages {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        classNames = List.copyOf(classNames);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("at least one class name is needed");
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "pixel count " + pixels.length + " does not match " + labels.length + " images of "
                            + channels + "x" + height + "x" + width + " (" + expected + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside the " + classNames.size() + " classes");
            }
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** Values per image ({@code channels * height * width}). */
    public int imageSize() {
        return channels * height * width;
    }

    /** How many images each class has, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** A copy of the images at the given indices, in that order. */
    public LabelledImages subset(int[] indices) {
        int stride = imageSize();
        float[] p = new float[indices.length * stride];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            if (src < 0 || src >= size()) {
                throw new IndexOutOfBoundsException("image index " + src + " outside 0.." + (size() - 1));
            }
            System.arraycopy(pixels, src * stride, p, i * stride, stride);
            l[i] = labels[src];
        }
        return new LabelledImages(p, l, channels, height, width, classNames);
    }

    /** The first {@code n} images (all of them when there are fewer). */
    public LabelledImages head(int n) {
        int[] idx = new int[Math.min(n, size())];
        Arrays.setAll(idx, i -> i);
        return subset(idx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledImages other
                && channels == other.channels
                && height == other.height
                && width == other.width
                && classNames.equals(other.classNames)
                && Arrays.equals(labels, other.labels)
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, height, width, classNames, Arrays.hashCode(labels), Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return "LabelledImages[" + size() + " x " + channels + "x" + height + "x" + width + ", classes="
                + classNames + "]";
    }
}
