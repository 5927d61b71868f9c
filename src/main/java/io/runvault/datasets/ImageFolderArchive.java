package io.runvault.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip archive of images in one folder per class, {@code <class>/<file>}, or per split and class,
 * {@code train|val|test/<class>/<file>}. Every file must be a PNG or JPEG image, all of one size;
 * grey images stay one channel unless another image is in colour. Hostile archives are refused:
 * entry names that would escape a folder (absolute, {@code ..}, backslashes), the same name twice or
 * names differing only in letter case (the archive must unpack to the same folders everywhere,
 * case-insensitive file systems included), more entries than allowed, and more memory than the
 * {@link ReadBudget}: each entry's size is charged before it is inflated, at most that many bytes
 * are ever read from it, its first bytes must be a PNG or JPEG signature, and decoded values and
 * float pixels are charged before they are allocated.
 */
final class ImageFolderArchive {

    private static final int MAX_SIDE = 8192;
    /** The largest entry one Java array can hold. */
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};

    private ImageFolderArchive() {
    }

    static ParsedDataset read(Path file, ReadBudget budget) throws IOException {
        // split -> class -> entry name -> image; sorted, so the order does not depend on the zip's.
        Map<String, Map<String, Map<String, DecodedImage>>> bySplit = new TreeMap<>();
        Names names = new Names();
        Boolean splitLayout = null;
        DecodedImage first = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > budget.maxEntries()) {
                throw new DatasetTooLargeException("the archive has " + zip.size() + " entries, over the limit of "
                        + budget.maxEntries());
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int seen = 0;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++seen > budget.maxEntries()) {
                    throw new DatasetTooLargeException("more than " + budget.maxEntries() + " entries");
                }
                String[] segments = segments(entry.getName());
                names.add(entry.getName(), segments, !entry.isDirectory());
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
                DecodedImage image;
                try (InputStream in = zip.getInputStream(entry)) {
                    image = decode(entry.getName(), bytes(entry, in, budget), budget);
                }
                if (first == null) {
                    first = image;
                } else if (image.width() != first.width() || image.height() != first.height()) {
                    throw new DatasetFormatException("images differ in size: " + first.name() + " is "
                            + first.width() + "x" + first.height() + ", " + image.name() + " is "
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
                .flatMap(m -> m.values().stream()).anyMatch(DecodedImage::colour);
        LabelledImages[] splits = new LabelledImages[3];
        for (int s = 0; s < 3; s++) {
            Map<String, Map<String, DecodedImage>> byClass = bySplit.get(NpzDataset.SPLITS.get(s));
            if (byClass != null) {
                splits[s] = toImages(byClass, classes, colour, first.width(), first.height(), budget);
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

    /**
     * The entry's bytes: its declared size charged before anything is inflated, its signature checked
     * from its first bytes, and never more than the declared size read (an entry holding more is refused).
     */
    private static byte[] bytes(ZipEntry entry, InputStream in, ReadBudget budget) throws IOException {
        String name = entry.getName();
        long size = entry.getSize();
        if (size < 0) {
            throw new DatasetFormatException("entry '" + name + "' does not declare its size");
        }
        if (size > MAX_ENTRY_BYTES) {
            throw new DatasetTooLargeException("entry '" + name + "' declares " + size + " bytes; an image entry has at most "
                    + MAX_ENTRY_BYTES);
        }
        budget.charge(size, "entry '" + name + "' of " + size + " bytes");
        byte[] bytes = new byte[(int) size];
        int head = in.readNBytes(bytes, 0, Math.min(bytes.length, PNG.length));
        if (!DecodedImage.isImage(bytes, head)) {
            throw new DatasetFormatException("entry '" + name + "' is not a PNG or JPEG image");
        }
        int got = head + in.readNBytes(bytes, head, bytes.length - head);
        if (got < bytes.length) {
            throw new DatasetFormatException("entry '" + name + "' is truncated: " + got + " of its " + size + " bytes");
        }
        if (in.read() != -1) {
            throw new DatasetFormatException("entry '" + name + "' holds more bytes than the " + size + " it declares");
        }
        return bytes;
    }

    private static DecodedImage decode(String entry, byte[] bytes, ReadBudget budget) throws IOException {
        DecodedImage decoded = DecodedImage.decode("entry '" + entry + "'", bytes, (width, height) -> {
            if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                throw new DatasetFormatException("entry '" + entry + "' is " + width + "x" + height
                        + " pixels; images have 1 to " + MAX_SIDE + " pixels a side");
            }
            // The decoder's image (up to 8 bytes a pixel: 16-bit RGBA) lives only while this entry is read.
            budget.require(8L * width * height + 3L * width * height, "entry '" + entry + "'");
        });
        budget.charge(decoded.values().length, "entry '" + entry + "'");
        return decoded;
    }

    private static LabelledImages toImages(Map<String, Map<String, DecodedImage>> byClass, List<String> classes,
                                           boolean colour, int width, int height, ReadBudget budget)
            throws DatasetTooLargeException {
        int channels = colour ? 3 : 1;
        int plane = width * height;
        List<DecodedImage> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        byClass.forEach((className, files) -> files.values().forEach(image -> {
            images.add(image);
            labels.add(classes.indexOf(className));
        }));
        budget.charge((long) images.size() * channels * plane + (long) Integer.BYTES * images.size(),
                "the pixels of " + images.size() + " images");
        byte[] pixels = new byte[images.size() * channels * plane];
        for (int i = 0; i < images.size(); i++) {
            DecodedImage image = images.get(i);
            for (int c = 0; c < channels; c++) {
                int from = image.colour() ? c * plane : 0; // a grey image in a colour set repeats its one channel
                for (int p = 0; p < plane; p++) {
                    pixels[(i * channels + c) * plane + p] = image.values()[from + p];
                }
            }
        }
        return LabelledImages.ofUnsignedBytes(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), channels, height,
                width, classes);
    }

    /**
     * The names seen so far: the same file twice is refused (a reader would keep one of them), and so
     * are two names whose folders or files differ only in letter case ({@code Cat/} and {@code cat/}),
     * which would merge on a case-insensitive file system.
     */
    private static final class Names {
        private final Set<String> files = new HashSet<>();
        private final Map<String, String> byFolded = new HashMap<>();

        void add(String name, String[] segments, boolean file) throws DatasetFormatException {
            String path = String.join("/", segments);
            if (file && !files.add(path)) {
                throw new DatasetFormatException("entry '" + printable(name) + "' is in the archive twice");
            }
            StringBuilder prefix = new StringBuilder();
            for (String segment : segments) {
                prefix.append(prefix.length() == 0 ? "" : "/").append(segment);
                String exact = prefix.toString();
                String other = byFolded.putIfAbsent(fold(exact), exact);
                if (other != null && !other.equals(exact)) {
                    throw new DatasetFormatException("entries '" + printable(other) + "' and '" + printable(exact)
                            + "' differ only in letter case; they would be one folder or file where case is ignored");
                }
            }
        }

        private static String fold(String s) {
            return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        }
    }
}
