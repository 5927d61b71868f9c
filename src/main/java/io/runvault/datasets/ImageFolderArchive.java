package io.runvault.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A zip archive of images in one folder per class, {@code <class>/<file>}, or per split and class,
 * {@code train|val|test/<class>/<file>}. Every file must be a PNG or JPEG image, all of one size;
 * grey images stay one channel unless another image is in colour. Hostile archives are refused:
 * entry names that would escape a folder (absolute, {@code ..}, backslashes), more entries than
 * allowed, and more inflated bytes or decoded values than allowed, counted as they are read.
 */
final class ImageFolderArchive {

    private static final int MAX_SIDE = 8192;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    private ImageFolderArchive() {
    }

    /** One decoded image: its values channels first, 0-255. */
    private record Decoded(String entry, int width, int height, boolean colour, byte[] values) {
    }

    static ParsedDataset read(Path file, DatasetLimits limits) throws IOException {
        // split -> class -> entry name -> image; sorted, so the order does not depend on the zip's.
        Map<String, Map<String, Map<String, Decoded>>> bySplit = new TreeMap<>();
        Budget budget = new Budget(limits.maxUnpackedBytes());
        Boolean splitLayout = null;
        Decoded first = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw new DatasetTooLargeException("the archive has " + zip.size() + " entries, over the limit of "
                        + limits.maxEntries());
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int seen = 0;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++seen > limits.maxEntries()) {
                    throw new DatasetTooLargeException("more than " + limits.maxEntries() + " entries");
                }
                String[] segments = segments(entry.getName());
                if (entry.isDirectory()) {
                    continue;
                }
                boolean split = segments.length == 3;
                if (segments.length != 2 && !split) {
                    throw new DatasetFormatException("entry '" + entry.getName()
                            + "' is not <class>/<image> or <train|val|test>/<class>/<image>");
                }
                if (split && !NpzDataset.SPLITS.contains(segments[0])) {
                    throw new DatasetFormatException("entry '" + entry.getName() + "': the top folder of a split "
                            + "layout is train, val or test, not '" + segments[0] + "'");
                }
                if (splitLayout != null && splitLayout != split) {
                    throw new DatasetFormatException("entry '" + entry.getName() + "' mixes the <class>/<image> and "
                            + "<split>/<class>/<image> layouts");
                }
                splitLayout = split;
                String className = segments[segments.length - 2];
                String problem = ClassNames.problem(List.of(className));
                if (problem != null) {
                    throw new DatasetFormatException("entry '" + entry.getName() + "': " + problem);
                }
                Decoded image;
                try (InputStream in = zip.getInputStream(entry)) {
                    image = decode(entry.getName(), budget.read(in, entry.getName()), budget);
                }
                if (first == null) {
                    first = image;
                } else if (image.width() != first.width() || image.height() != first.height()) {
                    throw new DatasetFormatException("images differ in size: '" + first.entry() + "' is "
                            + first.width() + "x" + first.height() + ", '" + image.entry() + "' is "
                            + image.width() + "x" + image.height());
                }
                bySplit.computeIfAbsent(split ? segments[0] : "train", s -> new TreeMap<>())
                        .computeIfAbsent(className, c -> new TreeMap<>()).put(entry.getName(), image);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new DatasetFormatException("not a readable zip archive: " + e.getMessage(), e);
        }
        if (first == null) {
            throw new DatasetFormatException("the archive holds no images");
        }
        if (!bySplit.containsKey("train")) {
            throw new DatasetFormatException("a split layout needs a train folder");
        }
        TreeSet<String> classSet = new TreeSet<>();
        bySplit.values().forEach(classes -> classSet.addAll(classes.keySet()));
        List<String> classes = List.copyOf(classSet);
        boolean colour = bySplit.values().stream().flatMap(c -> c.values().stream())
                .flatMap(m -> m.values().stream()).anyMatch(Decoded::colour);
        LabelledImages[] splits = new LabelledImages[3];
        for (int s = 0; s < 3; s++) {
            Map<String, Map<String, Decoded>> byClass = bySplit.get(NpzDataset.SPLITS.get(s));
            if (byClass != null) {
                splits[s] = toImages(byClass, classes, colour, first.width(), first.height());
            }
        }
        return ParsedDataset.of(splits[0], splits[1], splits[2], null, 0);
    }

    /** The entry name's folders and file name, refusing names that could point outside the archive's folder. */
    static String[] segments(String name) throws DatasetFormatException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.chars().anyMatch(Character::isISOControl)
                || name.length() > 1024) {
            throw new DatasetFormatException("unsafe entry name '" + printable(name) + "'");
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] segments = trimmed.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains(":")) {
                throw new DatasetFormatException("unsafe entry name '" + printable(name) + "'");
            }
        }
        return segments;
    }

    private static String printable(String name) {
        String cut = name.length() > 200 ? name.substring(0, 200) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static Decoded decode(String entry, byte[] bytes, Budget budget) throws IOException {
        boolean png = bytes.length >= PNG.length && java.util.Arrays.equals(bytes, 0, PNG.length, PNG, 0, PNG.length);
        boolean jpeg = bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
        if (!png && !jpeg) {
            throw new DatasetFormatException("entry '" + entry + "' is not a PNG or JPEG image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(png ? "png" : "jpeg");
            if (!readers.hasNext()) {
                throw new DatasetFormatException("no decoder for entry '" + entry + "'");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                // Look at the declared size before decoding: a tiny file can declare a huge image.
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw new DatasetFormatException("entry '" + entry + "' is " + width + "x" + height
                            + " pixels; images have 1 to " + MAX_SIDE + " pixels a side");
                }
                budget.charge(3L * width * height, entry);
                BufferedImage image = reader.read(0);
                return pixels(entry, image);
            } finally {
                reader.dispose();
            }
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException("entry '" + entry + "' is not a readable image: " + e.getMessage(), e);
        }
    }

    private static Decoded pixels(String entry, BufferedImage image) {
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
            return new Decoded(entry, w, h, false, values);
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
        return new Decoded(entry, w, h, true, values);
    }

    private static LabelledImages toImages(Map<String, Map<String, Decoded>> byClass, List<String> classes,
                                           boolean colour, int width, int height) {
        int channels = colour ? 3 : 1;
        int plane = width * height;
        List<Decoded> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        byClass.forEach((className, files) -> files.values().forEach(image -> {
            images.add(image);
            labels.add(classes.indexOf(className));
        }));
        float[] pixels = new float[images.size() * channels * plane];
        for (int i = 0; i < images.size(); i++) {
            Decoded image = images.get(i);
            for (int c = 0; c < channels; c++) {
                int from = image.colour() ? c * plane : 0; // a grey image in a colour set repeats its one channel
                for (int p = 0; p < plane; p++) {
                    pixels[(i * channels + c) * plane + p] = (image.values()[from + p] & 0xff) / 255f;
                }
            }
        }
        return new LabelledImages(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), channels, height,
                width, classes);
    }

    /** What may still be inflated and decoded; reads count real bytes, whatever an entry declares. */
    private static final class Budget {
        private long remaining;
        private final long limit;

        Budget(long limit) {
            this.limit = limit;
            this.remaining = limit;
        }

        byte[] read(InputStream in, String entry) throws IOException {
            byte[] bytes = in.readNBytes((int) (Math.min(Integer.MAX_VALUE - 9L, Math.max(0, remaining)) + 1));
            charge(bytes.length, entry);
            return bytes;
        }

        void charge(long bytes, String entry) throws DatasetTooLargeException {
            remaining -= bytes;
            if (remaining < 0) {
                throw new DatasetTooLargeException("the archive unpacks to more than " + limit
                        + " bytes of files and pixels (at entry '" + entry + "')");
            }
        }
    }
}
