package io.runvault.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.datasets.LabelledImages;
import io.runvault.reports.SampleImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RobustnessEvaluationTest {

    private static final LabelledImages TRAIN = TestImages.make(60, 1, 28, 1);
    private static final LabelledImages TEST = TestImages.make(30, 1, 28, 2);
    private static final int[] ALL = {1, 2, 3, 4, 5};

    @Test
    void countsEveryCorruptionAndSeverity() {
        CentroidClassifier model = new CentroidClassifier(TRAIN);
        List<String> passes = new ArrayList<>();
        RobustnessResult r = RobustnessEvaluation.run(model, TEST, 42, ALL, List.of(Corruption.values()), 8,
                (done, total, what) -> passes.add(done + "/" + total + " " + what));
        assertEquals(30, r.samples());
        assertEquals(8 * 5, r.accuracies().size());
        assertEquals(List.of(Corruption.values()), r.corruptions());
        assertEquals(List.of(1, 2, 3, 4, 5), r.severities());
        assertEquals(41, passes.size());
        assertEquals("1/41 clean", passes.get(0));
        assertEquals("41/41 jpeg_compression severity 5", passes.get(40));
        assertEquals(41 * 4, model.calls, "30 images in batches of 8 is 4 calls per pass");
        // The clean accuracy is the classifier's on the untouched set.
        float[][] probs = new CentroidClassifier(TRAIN).classify(TEST.copyOfPixels(), new int[] {30, 1, 28, 28});
        long correct = 0;
        for (int i = 0; i < 30; i++) {
            correct += RobustnessEvaluation.argmax(probs[i]) == TEST.labels()[i] ? 1 : 0;
        }
        assertEquals(correct, r.cleanCorrect());
        assertTrue(r.cleanAccuracy() >= 0.8, "the centroid model separates the test shapes: " + r.cleanAccuracy());
        // Pixel distances suffer most from global changes.
        assertTrue(r.accuracy(Corruption.BRIGHTNESS, 5) < r.cleanAccuracy(), r.toString());
        assertTrue(r.accuracy(Corruption.ROTATION, 5) < r.cleanAccuracy(), r.toString());
        assertEquals((r.cleanAccuracy() - r.accuracy(Corruption.BRIGHTNESS, 5)) / r.cleanAccuracy(),
                r.relativeDrop(Corruption.BRIGHTNESS, 5), 1e-12);
    }

    @Test
    void theSeedDecidesTheResultNotTheBatchSize() {
        List<Corruption> some = List.of(Corruption.GAUSSIAN_NOISE, Corruption.ROTATION, Corruption.OCCLUSION);
        RobustnessResult a = RobustnessEvaluation.run(new CentroidClassifier(TRAIN), TEST, 7, ALL, some, 256, null);
        RobustnessResult b = RobustnessEvaluation.run(new CentroidClassifier(TRAIN), TEST, 7, ALL, some, 5, null);
        assertEquals(a.accuracies(), b.accuracies());
        for (int i = 0; i < a.corruptedSamples().get(Corruption.ROTATION).size(); i++) {
            SampleImage x = a.corruptedSamples().get(Corruption.ROTATION).get(i);
            SampleImage y = b.corruptedSamples().get(Corruption.ROTATION).get(i);
            assertArrayEquals(x.chw(), y.chw());
            assertEquals(x.predicted(), y.predicted());
        }
    }

    @Test
    void keepsFourImagesPerGridRow() {
        RobustnessResult r = RobustnessEvaluation.run(new CentroidClassifier(TRAIN), TEST, 1, new int[] {5, 1, 3},
                List.of(Corruption.CONTRAST), 16, null);
        assertEquals(List.of(1, 3, 5), r.severities());
        assertEquals(4, r.cleanSamples().size());
        List<SampleImage> grid = r.corruptedSamples().get(Corruption.CONTRAST);
        assertEquals(12, grid.size());
        // Images 0, 1, 2 (the first of each class) and 3, clean and then under contrast 1, 3, 5.
        assertEquals(List.of("square", "bar", "cross", "square"), r.cleanSamples().stream().map(SampleImage::label).toList());
        float[] contrast5 = ImageCorrupter.apply(TEST, Corruption.CONTRAST, 5, 1).subset(new int[] {3}).copyOfPixels();
        assertEquals(java.util.Arrays.toString(contrast5), java.util.Arrays.toString(grid.get(11).chw()));
        assertEquals(16, RobustnessFigures.grid(r, Corruption.CONTRAST).size());
        assertEquals("Contrast: rows clean, severity 1, 3, 5", RobustnessFigures.gridTitle(r, Corruption.CONTRAST));
    }

    @Test
    void gridImagesShowDifferentClassesFirst() {
        assertArrayEquals(new int[] {0, 2, 5, 6}, RobustnessEvaluation.gridIndices(new int[] {4, 4, 1, 1, 1, 7, 9, 7}));
        assertArrayEquals(new int[] {0, 1, 2, 3}, RobustnessEvaluation.gridIndices(new int[] {0, 0, 0, 0, 0}));
        assertArrayEquals(new int[] {0, 1}, RobustnessEvaluation.gridIndices(new int[] {2, 2}));
    }

    @Test
    void rejectsBadInputAndBadClassifierOutput() {
        assertThrows(IllegalArgumentException.class,
                () -> RobustnessEvaluation.run(new CentroidClassifier(TRAIN), TEST, 1, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> RobustnessEvaluation.run(new CentroidClassifier(TRAIN), TEST, 1, new int[] {6}));
        assertThrows(IllegalStateException.class,
                () -> RobustnessEvaluation.run((px, shape) -> new float[1][3], TEST, 1, ALL));
        assertThrows(IllegalStateException.class,
                () -> RobustnessEvaluation.run((px, shape) -> new float[shape[0]][2], TEST, 1, ALL));
    }

    /** A hand-made result: 100 images, clean accuracy 0.9, two corruptions at severities 1 and 2. */
    static RobustnessResult handMade() {
        return new RobustnessResult(TestImages.CLASSES, 3, 90, 100, List.of(
                new CorruptionAccuracy(Corruption.GAUSSIAN_NOISE, 1, 80, 100),
                new CorruptionAccuracy(Corruption.GAUSSIAN_NOISE, 2, 60, 100),
                new CorruptionAccuracy(Corruption.BRIGHTNESS, 1, 90, 100),
                new CorruptionAccuracy(Corruption.BRIGHTNESS, 2, 85, 100)), List.of(), Map.of());
    }

    @Test
    void corruptionErrorsAgainstTheOwnCleanError() {
        CorruptionErrors e = CorruptionErrors.of(handMade(), null);
        assertNull(e.baseline());
        // Noise: errors 0.2, 0.4, mean 0.3 over clean error 0.1 -> CE 3, relative CE (0.1 + 0.3) / 2 / 0.1 = 2.
        CorruptionErrors.Entry noise = e.perCorruption().get(0);
        assertEquals(3.0, noise.ce(), 1e-12);
        assertEquals(2.0, noise.relativeCe(), 1e-12);
        assertEquals(0.7, noise.meanAccuracy(), 1e-12);
        assertEquals((0.1 / 0.9 + 0.3 / 0.9) / 2, noise.meanRelativeDrop(), 1e-12);
        // Brightness: errors 0.1, 0.15 -> CE 1.25, relative CE 0.25.
        CorruptionErrors.Entry bright = e.perCorruption().get(1);
        assertEquals(1.25, bright.ce(), 1e-12);
        assertEquals(0.25, bright.relativeCe(), 1e-12);
        assertEquals((3.0 + 1.25) / 2, e.mce(), 1e-12);
        assertEquals((2.0 + 0.25) / 2, e.relativeMce(), 1e-12);
        assertEquals(2.125, handMade().metrics().get("mce"), 1e-12);
        assertEquals(0.6, handMade().metrics().get("accuracy_gaussian_noise_s2"), 1e-12);
    }

    @Test
    void corruptionErrorsAgainstABaselineFollowHendrycksAndDietterich() {
        // Baseline (AlexNet's role): clean error 0.2; noise errors 0.3, 0.6; brightness 0.25, 0.35.
        ErrorBaseline base = new ErrorBaseline("prod", 0.2, Map.of(
                Corruption.GAUSSIAN_NOISE, Map.of(1, 0.3, 2, 0.6), Corruption.BRIGHTNESS, Map.of(1, 0.25, 2, 0.35)));
        CorruptionErrors e = CorruptionErrors.of(handMade(), base);
        assertEquals("prod", e.baseline());
        // Noise: CE = (0.2 + 0.4) / (0.3 + 0.6); relative = (0.1 + 0.3) / (0.1 + 0.4).
        assertEquals(0.6 / 0.9, e.perCorruption().get(0).ce(), 1e-12);
        assertEquals(0.4 / 0.5, e.perCorruption().get(0).relativeCe(), 1e-12);
        // Brightness: CE = 0.25 / 0.6; relative = 0.05 / 0.2.
        assertEquals(0.25 / 0.6, e.perCorruption().get(1).ce(), 1e-12);
        assertEquals(0.25, e.perCorruption().get(1).relativeCe(), 1e-12);
        assertEquals((0.6 / 0.9 + 0.25 / 0.6) / 2, e.mce(), 1e-12);
        assertTrue(e.metrics().containsKey("mce_vs_baseline"));
        // A baseline missing a severity the model was tested at is refused.
        ErrorBaseline partial = new ErrorBaseline("old", 0.2, Map.of(Corruption.GAUSSIAN_NOISE, Map.of(1, 0.3)));
        assertThrows(IllegalArgumentException.class, () -> CorruptionErrors.of(handMade(), partial));
    }

    @Test
    void aBaselineReadsBackFromARunsMetrics() {
        RobustnessResult r = handMade();
        ErrorBaseline fromMetrics = ErrorBaseline.fromMetrics("run", r.metrics());
        ErrorBaseline direct = ErrorBaseline.of("run", r);
        assertEquals(direct.cleanError(), fromMetrics.cleanError(), 1e-12);
        assertEquals(direct.errors().keySet(), fromMetrics.errors().keySet());
        for (Corruption c : r.corruptions()) {
            for (int s : r.severities()) {
                assertEquals(direct.error(c, s), fromMetrics.error(c, s), 1e-12);
            }
        }
        // Against itself every CE is 1.
        CorruptionErrors self = CorruptionErrors.of(r, fromMetrics);
        assertEquals(1.0, self.mce(), 1e-12);
        assertEquals(1.0, self.relativeMce(), 1e-12);
    }

    @Test
    void noCleanErrorMeansNoOwnErrorCe() {
        RobustnessResult perfect = new RobustnessResult(TestImages.CLASSES, 3, 100, 100,
                List.of(new CorruptionAccuracy(Corruption.CONTRAST, 1, 70, 100)), List.of(), Map.of());
        assertTrue(Double.isNaN(CorruptionErrors.of(perfect, null).mce()));
        assertEquals(0.3, perfect.relativeDrop(Corruption.CONTRAST, 1), 1e-12);
    }
}
