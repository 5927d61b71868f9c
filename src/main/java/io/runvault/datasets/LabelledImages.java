package io.runvault.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of labelled images: {@code size} images of {@code channels x height x width}
 * values, row-major and channels first (N x C x H x W), an int label per image in
 * {@code [0, classNames.size())}, and the names of the classes.
 *
 * <p>Images decoded from 8-bit files are kept as those bytes ({@link #ofUnsignedBytes}) and turn into
 * floats in [0, 1] ({@code value / 255f}) only when copied out a batch at a time: a quarter of the
 * memory of floats, with the same values. Other data (CSV features, corrupted images) is kept as
 * floats. The arrays are shared, not copied: treat them as read-only.
 */
public final class LabelledImages {

    private final byte[] unsignedBytes; // null when stored as floats
    private final float[] floats; // null when stored as bytes
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    /** Images whose values are {@code pixels}, as they are. */
    public LabelledImages(float[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {
        this(null, Objects.requireNonNull(pixels, "pixels"), pixels.length, labels, channels, height, width,
                classNames);
    }

    /** Images of 8-bit values: each byte, unsigned, is the value {@code byte / 255f}. */
    public static LabelledImages ofUnsignedBytes(byte[] values, int[] labels, int channels, int height, int width,
                                                 List<String> classNames) {
        return new LabelledImages(Objects.requireNonNull(values, "values"), null, values.length, labels, channels,
                height, width, classNames);
    }

    private LabelledImages(byte[] unsignedBytes, float[] floats, long count, int[] labels, int channels, int height,
                           int width, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        this.classNames = List.copyOf(classNames);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (this.classNames.isEmpty()) {
            throw new IllegalArgumentException("at least one class name is needed");
        }
        long expected = (long) labels.length * channels * height * width;
        if (count != expected) {
            throw new IllegalArgumentException(
                    "pixel count " + count + " does not match " + labels.length + " images of "
                            + channels + "x" + height + "x" + width + " (" + expected + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside the " + this.classNames.size() + " classes");
            }
        }
        this.unsignedBytes = unsignedBytes;
        this.floats = floats;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    public int[] labels() {
        return labels;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Every value as a float, in a new array (for tests and small sets; batches use {@link #copyPixels}). */
    public float[] copyOfPixels() {
        return pixels(0, size());
    }

    /** The values of {@code count} images from {@code firstImage} on, as a new array. */
    public float[] pixels(int firstImage, int count) {
        float[] out = new float[count * imageSize()];
        copyPixels(firstImage, count, out, 0);
        return out;
    }

    /** Copies the values of {@code count} images from {@code firstImage} on into {@code into} at {@code offset}. */
    public void copyPixels(int firstImage, int count, float[] into, int offset) {
        int from = firstImage * imageSize();
        int length = count * imageSize();
        if (floats != null) {
            System.arraycopy(floats, from, into, offset, length);
            return;
        }
        Objects.checkFromIndexSize(from, length, unsignedBytes.length);
        Objects.checkFromIndexSize(offset, length, into.length);
        for (int i = 0; i < length; i++) {
            into[offset + i] = (unsignedBytes[from + i] & 0xff) / 255f;
        }
    }

    /** The stored 8-bit values, or null when stored as floats (for the decoded-dataset cache). */
    byte[] storedBytes() {
        return unsignedBytes;
    }

    /** The stored floats, or null when stored as bytes (for the decoded-dataset cache). */
    float[] storedFloats() {
        return floats;
    }

    /** The bytes the values take in memory (1 per value as bytes, 4 as floats). */
    public long pixelBytes() {
        return floats != null ? (long) Float.BYTES * floats.length : unsignedBytes.length;
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

    /** A copy of the images at the given indices, in that order, stored as these are. */
    public LabelledImages subset(int[] indices) {
        int stride = imageSize();
        byte[] b = unsignedBytes == null ? null : new byte[indices.length * stride];
        float[] f = floats == null ? null : new float[indices.length * stride];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i];
            if (src < 0 || src >= size()) {
                throw new IndexOutOfBoundsException("image index " + src + " outside 0.." + (size() - 1));
            }
            if (b != null) {
                System.arraycopy(unsignedBytes, src * stride, b, i * stride, stride);
            } else {
                System.arraycopy(floats, src * stride, f, i * stride, stride);
            }
            l[i] = labels[src];
        }
        return b != null ? ofUnsignedBytes(b, l, channels, height, width, classNames)
                : new LabelledImages(f, l, channels, height, width, classNames);
    }

    /** These images followed by {@code more}'s (same shape and classes), stored as bytes when both are. */
    public LabelledImages concat(LabelledImages more) {
        if (channels != more.channels || height != more.height || width != more.width
                || !classNames.equals(more.classNames)) {
            throw new IllegalArgumentException("cannot join " + this + " and " + more);
        }
        int[] l = new int[labels.length + more.labels.length];
        System.arraycopy(labels, 0, l, 0, labels.length);
        System.arraycopy(more.labels, 0, l, labels.length, more.labels.length);
        if (unsignedBytes != null && more.unsignedBytes != null) {
            byte[] b = new byte[unsignedBytes.length + more.unsignedBytes.length];
            System.arraycopy(unsignedBytes, 0, b, 0, unsignedBytes.length);
            System.arraycopy(more.unsignedBytes, 0, b, unsignedBytes.length, more.unsignedBytes.length);
            return ofUnsignedBytes(b, l, channels, height, width, classNames);
        }
        float[] f = new float[labels.length * imageSize() + more.labels.length * imageSize()];
        copyPixels(0, size(), f, 0);
        more.copyPixels(0, more.size(), f, labels.length * imageSize());
        return new LabelledImages(f, l, channels, height, width, classNames);
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
                && Arrays.equals(unsignedBytes, other.unsignedBytes)
                && Arrays.equals(floats, other.floats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, height, width, classNames, Arrays.hashCode(labels),
                Arrays.hashCode(unsignedBytes), Arrays.hashCode(floats));
    }

    @Override
    public String toString() {
        return "LabelledImages[" + size() + " x " + channels + "x" + height + "x" + width + ", classes="
                + classNames + "]";
    }
}
