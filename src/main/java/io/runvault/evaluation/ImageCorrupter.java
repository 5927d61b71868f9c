package io.runvault.evaluation;

import io.runvault.datasets.LabelledImages;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Applies a {@link Corruption} at a severity to images laid out as {@link LabelledImages} keeps
 * them (channel-major floats in [0, 1]); the result stays in [0, 1] and keeps the shape.
 *
 * <p>Randomness is seeded per image from (seed, corruption, severity, image index), so an image's
 * corrupted version does not depend on batching, order or which other corruptions ran.
 *
 * <ul>
 * <li>gaussian_noise: adds N(0, sigma) to every value independently, then clips.</li>
 * <li>salt_and_pepper: each pixel (all channels together) becomes 1 or 0 with probability
 *     amount / 2 each. ImageNet-C draws per value, which on colour images gives coloured dots; a
 *     pixel-level draw is the textbook salt-and-pepper and equal on grey images.</li>
 * <li>gaussian_blur: separable Gaussian filter per channel, truncated at 4 sigma, edges repeated
 *     (scikit-image's defaults, which ImageNet-C uses).</li>
 * <li>brightness: one channel: v + c; three channels: HSV value + c with hue and saturation kept
 *     (ImageNet-C's HSV round trip), clipped at 1.</li>
 * <li>contrast: (v - m) * c + m with m the image's mean per channel, as ImageNet-C.</li>
 * <li>rotation: about the image centre by the angle, clockwise or anticlockwise at random,
 *     bilinear, black outside the source (Fashion-MNIST's background).</li>
 * <li>occlusion: one square of 0.5 grey placed uniformly at random wholly inside the image, so its
 *     area is the same for every image of a severity.</li>
 * <li>jpeg_compression: encoded with the JDK's JPEG writer at the quality (8-bit levels, grey or
 *     YCbCr) and decoded back.</li>
 * </ul>
 */
public final class ImageCorrupter {

    /** Grey level of the occluding square. */
    static final float OCCLUSION_GREY = 0.5f;

    private ImageCorrupter() {
    }

    /** A corrupted copy of the images (labels and class names unchanged). */
    public static LabelledImages apply(LabelledImages images, Corruption corruption, int severity, long seed) {
        Objects.requireNonNull(corruption, "corruption");
        Corruption.checkSeverity(severity);
        float[] out = images.pixels(0, images.size());
        int stride = images.imageSize();
        for (int i = 0; i < images.size(); i++) {
            apply(out, i * stride, images.channels(), images.height(), images.width(), corruption, severity,
                    randomFor(seed, corruption, severity, i));
        }
        return new LabelledImages(out, images.labels(), images.channels(), images.height(), images.width(),
                images.classNames());
    }

    /**
     * Corrupts images {@code [from, to)} of the set into a new batch array (N x C x H x W), image
     * i drawing from the same random stream as in {@link #apply(LabelledImages, Corruption, int, long)}.
     */
    public static float[] batch(LabelledImages images, int from, int to, Corruption corruption, int severity, long seed) {
        Objects.checkFromToIndex(from, to, images.size());
        Corruption.checkSeverity(severity);
        int stride = images.imageSize();
        float[] out = new float[(to - from) * stride];
        images.copyPixels(from, to - from, out, 0);
        for (int i = from; i < to; i++) {
            apply(out, (i - from) * stride, images.channels(), images.height(), images.width(), corruption, severity,
                    randomFor(seed, corruption, severity, i));
        }
        return out;
    }

    /** The random stream of one image: SplitMix64 finalisation over the four inputs. */
    static SplittableRandom randomFor(long seed, Corruption corruption, int severity, int index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ corruption.id().hashCode());
        h = mix(h ^ severity);
        h = mix(h ^ index);
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Corrupts one image of {@code c x h x w} values at {@code offset} in place. */
    static void apply(float[] px, int offset, int c, int h, int w, Corruption corruption, int severity,
            SplittableRandom random) {
        double p = corruption.parameter(severity);
        switch (corruption) {
            case GAUSSIAN_NOISE -> gaussianNoise(px, offset, c * h * w, p, random);
            case SALT_AND_PEPPER -> saltAndPepper(px, offset, c, h * w, p, random);
            case GAUSSIAN_BLUR -> gaussianBlur(px, offset, c, h, w, p * Math.min(h, w) / 32.0);
            case BRIGHTNESS -> brightness(px, offset, c, h * w, p);
            case CONTRAST -> contrast(px, offset, c, h * w, p);
            case ROTATION -> rotate(px, offset, c, h, w, random.nextBoolean() ? p : -p);
            case OCCLUSION -> occlude(px, offset, c, h, w, p, random);
            case JPEG_COMPRESSION -> jpeg(px, offset, c, h, w, (int) p);
        }
    }

    private static float clip(double v) {
        return v <= 0 ? 0f : v >= 1 ? 1f : (float) v;
    }

    private static void gaussianNoise(float[] px, int offset, int n, double sigma, SplittableRandom random) {
        for (int i = offset; i < offset + n; i++) {
            px[i] = clip(px[i] + random.nextGaussian() * sigma);
        }
    }

    private static void saltAndPepper(float[] px, int offset, int c, int plane, double amount, SplittableRandom random) {
        for (int i = 0; i < plane; i++) {
            if (random.nextDouble() < amount) {
                float v = random.nextBoolean() ? 1f : 0f;
                for (int ch = 0; ch < c; ch++) {
                    px[offset + ch * plane + i] = v;
                }
            }
        }
    }

    private static void gaussianBlur(float[] px, int offset, int c, int h, int w, double sigma) {
        int radius = Math.max(1, (int) (4 * sigma + 0.5));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        double[] tmp = new double[h * w];
        for (int ch = 0; ch < c; ch++) {
            int base = offset + ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int sx = Math.min(w - 1, Math.max(0, x + k));
                        acc += kernel[k + radius] * px[base + y * w + sx];
                    }
                    tmp[y * w + x] = acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int sy = Math.min(h - 1, Math.max(0, y + k));
                        acc += kernel[k + radius] * tmp[sy * w + x];
                    }
                    px[base + y * w + x] = clip(acc);
                }
            }
        }
    }

    private static void brightness(float[] px, int offset, int c, int plane, double delta) {
        if (c != 3) {
            for (int i = offset; i < offset + c * plane; i++) {
                px[i] = clip(px[i] + delta);
            }
            return;
        }
        // With hue and saturation fixed, RGB is proportional to V; a black pixel (S = 0) becomes grey V'.
        for (int i = 0; i < plane; i++) {
            int r = offset + i;
            int g = r + plane;
            int b = g + plane;
            double v = Math.max(px[r], Math.max(px[g], px[b]));
            double nv = Math.min(1.0, v + delta);
            if (v <= 0) {
                px[r] = px[g] = px[b] = (float) nv;
            } else {
                double f = nv / v;
                px[r] = clip(px[r] * f);
                px[g] = clip(px[g] * f);
                px[b] = clip(px[b] * f);
            }
        }
    }

    private static void contrast(float[] px, int offset, int c, int plane, double factor) {
        for (int ch = 0; ch < c; ch++) {
            int base = offset + ch * plane;
            double mean = 0;
            for (int i = base; i < base + plane; i++) {
                mean += px[i];
            }
            mean /= plane;
            for (int i = base; i < base + plane; i++) {
                px[i] = clip((px[i] - mean) * factor + mean);
            }
        }
    }

    private static void rotate(float[] px, int offset, int c, int h, int w, double degrees) {
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        float[] src = new float[c * h * w];
        System.arraycopy(px, offset, src, 0, src.length);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Inverse mapping: where in the source the output pixel comes from.
                double ux = x - cx;
                double uy = y - cy;
                double sx = cos * ux + sin * uy + cx;
                double sy = -sin * ux + cos * uy + cy;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int ch = 0; ch < c; ch++) {
                    int base = ch * h * w;
                    double v = (1 - fy) * ((1 - fx) * at(src, base, h, w, y0, x0) + fx * at(src, base, h, w, y0, x0 + 1))
                            + fy * ((1 - fx) * at(src, base, h, w, y0 + 1, x0) + fx * at(src, base, h, w, y0 + 1, x0 + 1));
                    px[offset + base + y * w + x] = clip(v);
                }
            }
        }
    }

    private static float at(float[] src, int base, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0f : src[base + y * w + x];
    }

    private static void occlude(float[] px, int offset, int c, int h, int w, double fraction, SplittableRandom random) {
        int sh = Math.max(1, (int) Math.round(fraction * h));
        int sw = Math.max(1, (int) Math.round(fraction * w));
        int top = random.nextInt(h - sh + 1);
        int left = random.nextInt(w - sw + 1);
        for (int ch = 0; ch < c; ch++) {
            for (int y = top; y < top + sh; y++) {
                int row = offset + (ch * h + y) * w;
                for (int x = left; x < left + sw; x++) {
                    px[row + x] = OCCLUSION_GREY;
                }
            }
        }
    }

    private static void jpeg(float[] px, int offset, int c, int h, int w, int quality) {
        int plane = h * w;
        BufferedImage img = new BufferedImage(w, h, c == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        // Channels other than 1 and 3 are compressed one plane at a time as grey images.
        int planes = c == 3 ? 1 : c;
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int at = y * w + x;
                    if (c == 3) {
                        for (int ch = 0; ch < 3; ch++) {
                            raster.setSample(x, y, ch, level(px[offset + ch * plane + at]));
                        }
                    } else {
                        raster.setSample(x, y, 0, level(px[offset + p * plane + at]));
                    }
                }
            }
            BufferedImage decoded = decode(encode(img, quality));
            WritableRaster back = decoded.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int at = y * w + x;
                    if (c == 3) {
                        int rgb = decoded.getRGB(x, y);
                        px[offset + at] = ((rgb >> 16) & 0xff) / 255f;
                        px[offset + plane + at] = ((rgb >> 8) & 0xff) / 255f;
                        px[offset + 2 * plane + at] = (rgb & 0xff) / 255f;
                    } else {
                        px[offset + p * plane + at] = back.getSample(x, y, 0) / 255f;
                    }
                }
            }
        }
    }

    private static int level(float v) {
        return Math.round(clip(v) * 255f);
    }

    private static byte[] encode(BufferedImage img, int quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this JDK");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            // A memory-cached stream keeps ImageIO off temporary files; read(...) closes it.
            BufferedImage img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
            if (img == null) {
                throw new IllegalStateException("the JDK could not decode its own JPEG");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
