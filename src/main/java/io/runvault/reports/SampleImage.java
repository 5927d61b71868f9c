package io.runvault.reports;

import java.util.Objects;

/**
 * One image of a sample or prediction grid: {@code channels} (1 grayscale or 3 RGB) x
 * {@code height} x {@code width} values in [0, 1] (clamped when drawn), channel-major as a model's
 * input tensor. {@code label} is the (true) label; {@code predicted} is null for a plain sample
 * grid, or the predicted label for a prediction grid (a mistake when it differs from {@code label}).
 */
public record SampleImage(int channels, int height, int width, float[] chw, String label, String predicted) {

    public SampleImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0 || height > 4096 || width > 4096) {
            throw new IllegalArgumentException("image size " + height + " x " + width + " out of range");
        }
        Objects.requireNonNull(chw, "chw");
        if ((long) channels * height * width != chw.length) {
            throw new IllegalArgumentException(channels + " x " + height + " x " + width + " needs "
                    + (long) channels * height * width + " values, got " + chw.length);
        }
        chw = chw.clone();
        Objects.requireNonNull(label, "label");
    }

    /** A sample with its label. */
    public static SampleImage of(int channels, int height, int width, float[] chw, String label) {
        return new SampleImage(channels, height, width, chw, label, null);
    }

    /** A prediction: the true and the predicted label. */
    public static SampleImage predicted(int channels, int height, int width, float[] chw, String trueLabel,
            String predictedLabel) {
        return new SampleImage(channels, height, width, chw, trueLabel, Objects.requireNonNull(predictedLabel));
    }

    /**
     * Image {@code index} of a uint8 NumPy batch as MedMNIST stores it: {@code (N, H, W)} grayscale
     * or {@code (N, H, W, 3)} RGB, pixels 0-255 scaled to [0, 1].
     */
    public static SampleImage fromUint8Batch(NpyArray images, int index, String label) {
        int[] s = images.shape();
        if (images.dtype() != NpyDType.UINT8 || !(s.length == 3 || (s.length == 4 && (s[3] == 3 || s[3] == 1)))) {
            throw new IllegalArgumentException("expected uint8 (N, H, W) or (N, H, W, 3), got " + images);
        }
        Objects.checkIndex(index, s[0]);
        int h = s[1];
        int w = s[2];
        int c = s.length == 4 ? s[3] : 1;
        float[] chw = new float[c * h * w];
        long base = (long) index * h * w * c;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    chw[(ch * h + y) * w + x] = images.getLong(base + ((long) y * w + x) * c + ch) / 255f;
                }
            }
        }
        return of(c, h, w, chw, label);
    }

    @Override
    public float[] chw() {
        return chw.clone();
    }

    /** True for a prediction whose predicted label differs from the true one. */
    public boolean mistake() {
        return predicted != null && !predicted.equals(label);
    }

    /** The pixel (y, x) as 0xRRGGBB. */
    int rgb(int y, int x) {
        int plane = height * width;
        int at = y * width + x;
        int r = level(chw[at]);
        if (channels == 1) {
            return r << 16 | r << 8 | r;
        }
        return r << 16 | level(chw[plane + at]) << 8 | level(chw[2 * plane + at]);
    }

    private static int level(float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }
}
