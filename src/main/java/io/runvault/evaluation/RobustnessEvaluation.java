package io.runvault.evaluation;

import io.runvault.datasets.LabelledImages;
import io.runvault.reports.SampleImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a robustness test: classifies the test set clean, then under each corruption at each
 * severity (images corrupted batch by batch, so memory stays at one batch beyond the test set),
 * and counts top-1 hits. Corrupted images are seeded per image (see {@link ImageCorrupter}), so a
 * rerun with the same seed sees the same images. Keeps {@value #GRID_IMAGES} test images of
 * different classes, clean and corrupted, for the sample grids.
 */
public final class RobustnessEvaluation {

    public static final int DEFAULT_BATCH_SIZE = 256;
    /** Images per row of a corruption's sample grid (one row per severity). */
    public static final int GRID_IMAGES = 4;

    /** Told after each pass over the test set; may throw to stop the evaluation. */
    @FunctionalInterface
    public interface Progress {
        void passDone(int done, int total, String what);
    }

    private RobustnessEvaluation() {
    }

    /** Every corruption at the given severities, in batches of {@value #DEFAULT_BATCH_SIZE}. */
    public static RobustnessResult run(Classifier classifier, LabelledImages test, long seed, int[] severities) {
        return run(classifier, test, seed, severities, List.of(Corruption.values()), DEFAULT_BATCH_SIZE, null);
    }

    public static RobustnessResult run(Classifier classifier, LabelledImages test, long seed, int[] severities,
            List<Corruption> corruptions, int batchSize, Progress progress) {
        Objects.requireNonNull(classifier, "classifier");
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test set is empty");
        }
        if (severities.length == 0 || corruptions.isEmpty()) {
            throw new IllegalArgumentException("at least one corruption and one severity are needed");
        }
        int[] sev = Arrays.stream(severities).distinct().sorted().toArray();
        for (int s : sev) {
            Corruption.checkSeverity(s);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        List<Corruption> order = corruptions.stream().distinct().toList();
        int[] picks = gridIndices(test.labels());
        int passes = 1 + order.size() * sev.length;
        int done = 0;

        List<SampleImage> clean = new ArrayList<>();
        long cleanCorrect = pass(classifier, test, batchSize, picks, clean,
                (from, to) -> test.pixels(from, to - from));
        if (progress != null) {
            progress.passDone(++done, passes, "clean");
        }
        List<CorruptionAccuracy> accuracies = new ArrayList<>();
        Map<Corruption, List<SampleImage>> samples = new LinkedHashMap<>();
        for (Corruption c : order) {
            List<SampleImage> grid = new ArrayList<>();
            for (int s : sev) {
                long correct = pass(classifier, test, batchSize, picks, grid,
                        (from, to) -> ImageCorrupter.batch(test, from, to, c, s, seed));
                accuracies.add(new CorruptionAccuracy(c, s, correct, test.size()));
                if (progress != null) {
                    progress.passDone(++done, passes, c.id() + " severity " + s);
                }
            }
            samples.put(c, grid);
        }
        return new RobustnessResult(test.classNames(), seed, cleanCorrect, test.size(), accuracies, clean, samples);
    }

    private interface BatchSource {
        float[] pixels(int from, int to);
    }

    /** Classifies the whole set once; collects the picked images with their predictions. */
    private static long pass(Classifier classifier, LabelledImages test, int batchSize, int[] picks,
            List<SampleImage> grid, BatchSource source) {
        long correct = 0;
        int stride = test.imageSize();
        int k = test.numClasses();
        for (int from = 0; from < test.size(); from += batchSize) {
            int to = Math.min(test.size(), from + batchSize);
            float[] batch = source.pixels(from, to);
            float[][] probs = classifier.classify(batch, new int[] {to - from, test.channels(), test.height(), test.width()});
            if (probs == null || probs.length != to - from) {
                throw new IllegalStateException("the classifier returned " + (probs == null ? "nothing" : probs.length + " rows")
                        + " for a batch of " + (to - from));
            }
            for (int i = from; i < to; i++) {
                float[] row = probs[i - from];
                if (row.length != k) {
                    throw new IllegalStateException("the classifier returned " + row.length + " scores for " + k + " classes");
                }
                int predicted = argmax(row);
                if (predicted == test.labels()[i]) {
                    correct++;
                }
                if (Arrays.binarySearch(picks, i) >= 0) {
                    grid.add(SampleImage.predicted(test.channels(), test.height(), test.width(),
                            Arrays.copyOfRange(batch, (i - from) * stride, (i - from + 1) * stride),
                            test.classNames().get(test.labels()[i]), test.classNames().get(predicted)));
                }
            }
        }
        return correct;
    }

    /** The first highest score (numpy's argmax); NaN never wins. */
    static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best] || Float.isNaN(row[best])) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Up to {@value #GRID_IMAGES} indices, ascending: the first image of each class in order of
     * appearance, then the first images not yet picked, so the grid shows different classes.
     */
    static int[] gridIndices(int[] labels) {
        java.util.TreeSet<Integer> picks = new java.util.TreeSet<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < labels.length && picks.size() < GRID_IMAGES; i++) {
            if (seen.add(labels[i])) {
                picks.add(i);
            }
        }
        for (int i = 0; i < labels.length && picks.size() < GRID_IMAGES; i++) {
            picks.add(i);
        }
        return picks.stream().mapToInt(Integer::intValue).toArray();
    }
}
