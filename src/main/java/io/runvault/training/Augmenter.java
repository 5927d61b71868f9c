package io.runvault.training;

import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to images in place, drawing from a caller-seeded random source. Public
 * so a run's sample grid shows the images as the model saw them.
 */
public final class Augmenter {

    private final Augmentation aug;
    private final int c;
    private final int h;
    private final int w;
    private final float[] scratch;

    public Augmenter(Augmentation aug, int c, int h, int w) {
        this.aug = aug;
        this.c = c;
        this.h = h;
        this.w = w;
        this.scratch = new float[c * h * w];
    }

    /** Augments the image starting at {@code offset} in {@code buf}. */
    public void apply(float[] buf, int offset, SplittableRandom random) {
        boolean flip = aug.flip() && random.nextBoolean();
        int dx = aug.translate() > 0 ? random.nextInt(-aug.translate(), aug.translate() + 1) : 0;
        int dy = aug.translate() > 0 ? random.nextInt(-aug.translate(), aug.translate() + 1) : 0;
        double angle = aug.rotation() > 0 ? Math.toRadians(random.nextDouble(-aug.rotation(), aug.rotation())) : 0;
        if (flip || dx != 0 || dy != 0 || angle != 0) {
            copyToScratch(buf, offset);
            if (angle == 0) {
                shift(buf, offset, flip, dx, dy);
            } else {
                rotate(buf, offset, flip, dx, dy, angle);
            }
        }
        if (aug.noise() > 0) {
            int size = c * h * w;
            for (int i = 0; i < size; i++) {
                float v = (float) (buf[offset + i] + random.nextGaussian() * aug.noise());
                buf[offset + i] = v < 0 ? 0 : v > 1 ? 1 : v;
            }
        }
    }

    /** The source image of {@link #shift} and {@link #rotate}. */
    void copyToScratch(float[] buf, int offset) {
        System.arraycopy(buf, offset, scratch, 0, c * h * w);
    }

    /** Flip and shift only (no rotation): the pixels {@link #rotate} picks at angle 0, without its arithmetic. */
    void shift(float[] buf, int offset, boolean flip, int dx, int dy) {
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int out = offset + (ch * h + y) * w;
                int sy = y - dy;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(buf, out, out + w, 0f);
                    continue;
                }
                int row = (ch * h + sy) * w;
                for (int x = 0; x < w; x++) {
                    int sx = flip ? w - 1 - (x - dx) : x - dx;
                    buf[out + x] = sx >= 0 && sx < w ? scratch[row + sx] : 0f;
                }
            }
        }
    }

    /** Any rotation, with flip and shift: nearest-neighbour inverse mapping (package-private for its test). */
    void rotate(float[] buf, int offset, boolean flip, int dx, int dy, double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Inverse mapping: output (x, y) samples the source at the un-shifted, un-rotated,
                // un-flipped position (nearest neighbour; outside the image is 0).
                double ux = x - dx - cx;
                double uy = y - dy - cy;
                int sx = (int) Math.round(cos * ux + sin * uy + cx);
                int sy = (int) Math.round(-sin * ux + cos * uy + cy);
                if (flip) {
                    sx = w - 1 - sx;
                }
                boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                for (int ch = 0; ch < c; ch++) {
                    buf[offset + (ch * h + y) * w + x] = inside ? scratch[(ch * h + sy) * w + sx] : 0f;
                }
            }
        }
    }
}
