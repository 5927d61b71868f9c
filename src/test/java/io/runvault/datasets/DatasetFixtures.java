package io.runvault.datasets;

import io.runvault.reports.NpyArray;
import io.runvault.reports.NpzWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small datasets made in the test: npz archives, zips of images, PNGs. */
final class DatasetFixtures {

    private DatasetFixtures() {
    }

    /** An npz with {@code n} 6x6 grey images per split (labels cycle through {@code classes}). */
    static byte[] npz(int n, int classes, String... splits) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (String split : splits) {
            byte[] px = new byte[n * 36];
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % classes;
                for (int p = 0; p < 36; p++) {
                    px[i * 36 + p] = (byte) (labels[i] * 60 + p);
                }
            }
            arrays.put(split + "_images", NpyArray.ofUint8(px, n, 6, 6));
            arrays.put(split + "_labels", NpyArray.ofLongs(labels, n, 1));
        }
        return npz(arrays);
    }

    static byte[] npz(Map<String, NpyArray> arrays) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter.write(out, arrays);
        return out.toByteArray();
    }

    static byte[] png(int width, int height, boolean colour, int shade) {
        BufferedImage image = new BufferedImage(width, height, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (shade + x * 10 + y) & 0xff;
                if (colour) {
                    image.setRGB(x, y, (v << 16) | ((255 - v) << 8) | 40);
                } else {
                    image.getRaster().setSample(x, y, 0, v); // setRGB would convert to linear grey
                }
            }
        }
        return encode(image, "png");
    }

    static byte[] jpeg(int width, int height, int shade) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((shade + x) & 0xff) << 16 | y);
            }
        }
        return encode(image, "jpeg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip of name, bytes, name, bytes, ... */
    static byte[] zip(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                zip.write((byte[]) namesAndBytes[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Six 8x8 grey PNGs in two class folders. */
    static byte[] imageFolder() throws IOException {
        return zip("cat/1.png", png(8, 8, false, 10), "cat/2.png", png(8, 8, false, 20), "cat/3.png", png(8, 8, false, 30),
                "dog/1.png", png(8, 8, false, 110), "dog/2.png", png(8, 8, false, 120), "dog/3.png", png(8, 8, false, 130));
    }
}
