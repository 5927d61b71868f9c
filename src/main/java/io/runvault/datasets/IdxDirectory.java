package io.runvault.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MNIST-family directory: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally gzipped.
 */
final class IdxDirectory {

    static final String TRAIN_IMAGES = "train-images";
    static final String TRAIN_LABELS = "train-labels";
    static final String TEST_IMAGES = "test-images";
    static final String TEST_LABELS = "test-labels";

    private IdxDirectory() {
    }

    /** The four files of the directory, by role. */
    static Map<String, Path> files(Path dir) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            files.put(TRAIN_IMAGES, FashionMnist.find(dir, "train-images-idx3-ubyte"));
            files.put(TRAIN_LABELS, FashionMnist.find(dir, "train-labels-idx1-ubyte"));
            files.put(TEST_IMAGES, FashionMnist.find(dir, "t10k-images-idx3-ubyte"));
            files.put(TEST_LABELS, FashionMnist.find(dir, "t10k-labels-idx1-ubyte"));
        } catch (java.io.FileNotFoundException e) {
            throw new DatasetFormatException("not an IDX dataset directory: " + e.getMessage(), e);
        }
        return files;
    }

    static ParsedDataset read(Map<String, Path> files, DatasetOptions options) throws IOException {
        int maxLabel = -1;
        for (String role : new String[] {TRAIN_LABELS, TEST_LABELS}) {
            IdxArray labels = IdxReader.read(files.get(role));
            for (int i = 0; i < labels.data().length; i++) {
                maxLabel = Math.max(maxLabel, labels.unsigned(i));
            }
        }
        var classes = ClassNames.forLabels(options.classes(), maxLabel);
        return ParsedDataset.of(
                IdxReader.readImages(files.get(TRAIN_IMAGES), files.get(TRAIN_LABELS), classes), null,
                IdxReader.readImages(files.get(TEST_IMAGES), files.get(TEST_LABELS), classes), null, 0);
    }
}
