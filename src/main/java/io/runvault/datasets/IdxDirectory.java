package io.runvault.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** Each role's file name (without {@code .gz}). */
    private static final Map<String, String> FILE_NAMES = Map.of(
            TRAIN_IMAGES, "train-images-idx3-ubyte", TRAIN_LABELS, "train-labels-idx1-ubyte",
            TEST_IMAGES, "t10k-images-idx3-ubyte", TEST_LABELS, "t10k-labels-idx1-ubyte");
    private static final String[] ROLES = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};

    private IdxDirectory() {
    }

    /** The four files of the directory, by role. */
    static Map<String, Path> files(Path dir) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        try {
            for (String role : ROLES) {
                files.put(role, FashionMnist.find(dir, FILE_NAMES.get(role)));
            }
        } catch (java.io.FileNotFoundException e) {
            throw new DatasetFormatException("not an IDX dataset directory: " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * The four files of a directory under an import root, by role, each by its real location, which
     * must be under a root too (a link in the folder may not lead out of the roots).
     */
    static Map<String, Path> files(Path dir, ImportRoots roots) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String role : ROLES) {
            String base = FILE_NAMES.get(role);
            Path found = null;
            for (String name : new String[] {base + ".gz", base}) {
                Path candidate = dir.resolve(name);
                // NOFOLLOW: a link is seen as a link, then judged by where it really leads.
                if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    found = roots.confine(candidate);
                    break;
                }
            }
            if (found == null) {
                throw new DatasetFormatException("not an IDX dataset directory: neither " + base + ".gz nor " + base
                        + " in the folder");
            }
            files.put(role, found);
        }
        return files;
    }

    static ParsedDataset read(Map<String, Path> files, DatasetOptions options, ReadBudget budget) throws IOException {
        // Labels first: the classes follow from the largest label of either split.
        IdxArray trainLabels = IdxReader.read(files.get(TRAIN_LABELS), FILE_NAMES.get(TRAIN_LABELS), budget);
        IdxArray testLabels = IdxReader.read(files.get(TEST_LABELS), FILE_NAMES.get(TEST_LABELS), budget);
        int maxLabel = -1;
        for (IdxArray labels : new IdxArray[] {trainLabels, testLabels}) {
            for (int i = 0; i < labels.data().length; i++) {
                maxLabel = Math.max(maxLabel, labels.unsigned(i));
            }
        }
        var classes = ClassNames.forLabels(options.classes(), maxLabel);
        return ParsedDataset.of(images(files, TRAIN_IMAGES, trainLabels, TRAIN_LABELS, classes, budget), null,
                images(files, TEST_IMAGES, testLabels, TEST_LABELS, classes, budget), null, 0);
    }

    private static LabelledImages images(Map<String, Path> files, String imagesRole, IdxArray labels, String labelsRole,
                                         java.util.List<String> classes, ReadBudget budget) throws IOException {
        String imagesName = FILE_NAMES.get(imagesRole);
        IdxArray images = IdxReader.read(files.get(imagesRole), imagesName, budget);
        return IdxReader.toImages(images, imagesName, labels, FILE_NAMES.get(labelsRole), classes, budget);
    }
}
