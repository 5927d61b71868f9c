package io.runvault.datasets;

import io.runvault.reports.NpyArray;
import io.runvault.reports.NpyDType;
import io.runvault.reports.NpyTooLargeException;
import io.runvault.reports.NpzReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MedMNIST-style {@code .npz} datasets: {@code <split>_images} (uint8, N x H x W or N x H x W x C
 * with C 1 or 3) and {@code <split>_labels} (integers, N or N x 1) for the splits train (required),
 * val and test. Read with {@link NpzReader}'s zip-bomb limits; nothing else may be in the archive.
 * The arrays as read, their labels as longs and the float pixels are all charged to the
 * {@link ReadBudget} before they are allocated (uint8 pixels cost 5 bytes each here, not 1).
 */
final class NpzDataset {

    static final List<String> SPLITS = List.of("train", "val", "test");
    private static final Set<String> KEYS = Set.of("train_images", "train_labels", "val_images", "val_labels",
            "test_images", "test_labels");

    private NpzDataset() {
    }

    static ParsedDataset read(Path file, DatasetOptions options, ReadBudget budget) throws IOException {
        Map<String, NpyArray> arrays;
        try (InputStream in = Files.newInputStream(file)) {
            arrays = NpzReader.read(in, new NpzReader.Limits(budget.remaining(), KEYS.size()));
        } catch (NpyTooLargeException e) {
            throw new DatasetTooLargeException(e.getMessage() + " (the memory limit of one dataset)");
        }
        long held = 0;
        for (NpyArray array : arrays.values()) {
            held += array.byteSize();
        }
        budget.charge(held, "the arrays");
        Set<String> unknown = new TreeSet<>(arrays.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new DatasetFormatException("unexpected arrays " + unknown + " (an npz dataset holds "
                    + new TreeSet<>(KEYS) + ")");
        }
        List<long[]> labels = new ArrayList<>();
        List<NpyArray> images = new ArrayList<>();
        long maxLabel = -1;
        for (String split : SPLITS) {
            NpyArray x = arrays.get(split + "_images");
            NpyArray y = arrays.get(split + "_labels");
            if (x == null && y == null && !split.equals("train")) {
                images.add(null);
                labels.add(null);
                continue;
            }
            if (x == null || y == null) {
                throw new DatasetFormatException("the " + split + " split needs both " + split + "_images and "
                        + split + "_labels");
            }
            long[] l = labels(split, x, y, budget);
            for (long v : l) {
                maxLabel = Math.max(maxLabel, v);
            }
            images.add(x);
            labels.add(l);
        }
        int[] shape = arrays.get("train_images").shape();
        for (NpyArray x : images) {
            if (x != null && !Arrays.equals(imageShape(x.shape()), imageShape(shape))) {
                throw new DatasetFormatException("the splits' images differ in shape: " + Arrays.toString(shape)
                        + " and " + Arrays.toString(x.shape()));
            }
        }
        List<String> classes = ClassNames.forLabels(options.classes(), maxLabel);
        LabelledImages[] splits = new LabelledImages[SPLITS.size()];
        for (int s = 0; s < SPLITS.size(); s++) {
            if (images.get(s) != null) {
                splits[s] = toImages(images.get(s), labels.get(s), classes, budget);
            }
        }
        return ParsedDataset.of(splits[0], splits[1], splits[2], null, 0);
    }

    /** The labels of one split, checked against its images. */
    private static long[] labels(String split, NpyArray x, NpyArray y, ReadBudget budget) throws DatasetFormatException {
        int[] xs = x.shape();
        if (x.dtype() != NpyDType.UINT8) {
            throw new DatasetFormatException(split + "_images must be uint8, not " + x.dtype().descr());
        }
        if (!(xs.length == 3 || (xs.length == 4 && (xs[3] == 1 || xs[3] == 3)))) {
            throw new DatasetFormatException(split + "_images must be N x H x W or N x H x W x C (C 1 or 3), not "
                    + Arrays.toString(xs));
        }
        if (xs[0] == 0 || xs[1] == 0 || xs[2] == 0) {
            throw new DatasetFormatException(split + "_images is empty: " + Arrays.toString(xs));
        }
        int[] ys = y.shape();
        if (y.dtype().isFloat() || y.dtype() == NpyDType.BOOL) {
            throw new DatasetFormatException(split + "_labels must be integers, not " + y.dtype().descr());
        }
        if (!(ys.length == 1 || (ys.length == 2 && ys[1] == 1))) {
            throw new DatasetFormatException(split + "_labels must be N or N x 1, not " + Arrays.toString(ys));
        }
        if (ys[0] != xs[0]) {
            throw new DatasetFormatException(split + "_labels has " + ys[0] + " labels for " + xs[0] + " images");
        }
        budget.charge((long) Long.BYTES * ys[0], split + "_labels");
        long[] values = y.toLongArray();
        for (int i = 0; i < values.length; i++) {
            // uint64 above 2^63 reads as negative here, and is refused as such.
            if (values[i] < 0) {
                throw new DatasetFormatException(split + "_labels[" + i + "] is negative (" + values[i] + ")");
            }
        }
        return values;
    }

    private static int[] imageShape(int[] shape) {
        return new int[] {shape[1], shape[2], shape.length == 4 ? shape[3] : 1};
    }

    private static LabelledImages toImages(NpyArray x, long[] y, List<String> classes, ReadBudget budget)
            throws DatasetFormatException {
        int[] s = x.shape();
        int n = s[0];
        int h = s[1];
        int w = s[2];
        int c = s.length == 4 ? s[3] : 1;
        // Checked before allocating: a small compressed file can declare a huge array.
        budget.charge(x.size() + (long) Integer.BYTES * n, "the pixels of " + n + " images");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (y[i] >= classes.size()) {
                throw new DatasetFormatException("label " + y[i] + " at index " + i + " but the dataset has "
                        + classes.size() + " classes");
            }
            labels[i] = (int) y[i];
        }
        ByteBuffer src = x.buffer(); // a view, not a copy
        byte[] pixels = new byte[(int) x.size()];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < c; ch++) {
                    // npz keeps channels last; training wants them first
                    pixels[(i * c + ch) * plane + p] = src.get((i * plane + p) * c + ch);
                }
            }
        }
        return LabelledImages.ofUnsignedBytes(pixels, labels, c, h, w, classes);
    }
}
