package io.runvault.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * One PNG or JPEG image decoded to 8-bit values, channels first: one plane when grey, three (RGB)
 * otherwise. The same decoding for dataset archives and for images sent to a served model.
 *
 * @param name what the image is called in messages (an archive entry, "image 3")
 */
public record DecodedImage(String name, int width, int height, boolean colour, byte[] values) {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    /** Looks at an image's declared size before it is decoded; a tiny file can declare a huge image. */
    @FunctionalInterface
    public interface SizeCheck {
        void allow(int width, int height) throws DatasetFormatException;
    }

    /** Whether the first {@code length} bytes start like a PNG or a JPEG file. */
    public static boolean isImage(byte[] bytes, int length) {
        return isPng(bytes, length) || isJpeg(bytes, length);
    }

    static boolean isPng(byte[] bytes, int length) {
        return length >= PNG.length && Arrays.equals(bytes, 0, PNG.length, PNG, 0, PNG.length);
    }

    static boolean isJpeg(byte[] bytes, int length) {
        return length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
    }

    /**
     * Decodes a PNG or JPEG file.
     *
     * @param check called with the declared size before any pixel is decoded
     * @throws DatasetFormatException when the bytes are no readable image (the message names it)
     */
    public static DecodedImage decode(String name, byte[] bytes, SizeCheck check) throws DatasetFormatException {
        if (!isImage(bytes, bytes.length)) {
            throw new DatasetFormatException(name + " is not a PNG or JPEG image");
        }
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(isPng(bytes, bytes.length) ? "png" : "jpeg");
            if (!readers.hasNext()) {
                throw new DatasetFormatException("no decoder for " + name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                check.allow(reader.getWidth(0), reader.getHeight(0));
                return pixels(name, reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(name + " is not a readable image: " + e.getMessage(), e);
        }
    }

    private static DecodedImage pixels(String name, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (grey) {
            byte[] values = new byte[w * h];
            int bits = image.getSampleModel().getSampleSize(0);
            int max = (1 << bits) - 1;
            var raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    values[y * w + x] = (byte) Math.round(raster.getSample(x, y, 0) * 255.0 / max);
                }
            }
            return new DecodedImage(name, w, h, false, values);
        }
        byte[] values = new byte[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                values[y * w + x] = (byte) (rgb >> 16);
                values[plane + y * w + x] = (byte) (rgb >> 8);
                values[2 * plane + y * w + x] = (byte) rgb;
            }
        }
        return new DecodedImage(name, w, h, true, values);
    }
}
