package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void binaryAucMatchesHandComputedValuesWithTies() {
        // Scores for class 1: positives 0.8, 0.4; negatives 0.4, 0.1 -> pairs: (0.8>0.4), (0.8>0.1),
        // (0.4=0.4 counts half), (0.4>0.1) = 3.5 / 4.
        int[] labels = {1, 1, 0, 0};
        float[][] p = {{0.2f, 0.8f}, {0.6f, 0.4f}, {0.6f, 0.4f}, {0.9f, 0.1f}};
        assertEquals(0.875, ClassificationMetrics.binaryAuc(labels, p, 1), 1e-12);
        assertEquals(0.875, ClassificationMetrics.binaryAuc(labels, p, 0), 1e-12);
        assertEquals(0.875, ClassificationMetrics.macroAucOvr(labels, p, 2), 1e-12);
    }

    @Test
    void perfectAndAbsentClasses() {
        int[] labels = {0, 1, 2};
        float[][] p = {{0.9f, 0.05f, 0.05f}, {0.1f, 0.8f, 0.1f}, {0.2f, 0.2f, 0.6f}};
        assertEquals(1.0, ClassificationMetrics.macroAucOvr(labels, p, 3), 1e-12);
        // A class with no examples is left out of the AUC average (sklearn would refuse).
        float[][] q = {{0.9f, 0.05f, 0.05f, 0f}, {0.1f, 0.8f, 0.1f, 0f}, {0.2f, 0.2f, 0.6f, 0f}};
        assertEquals(1.0, ClassificationMetrics.macroAucOvr(labels, q, 4), 1e-12);
    }

    @Test
    void confusionReportAndF1() {
        int[] labels = {0, 0, 0, 1, 1, 2};
        int[] predicted = {0, 0, 1, 1, 2, 2};
        int[][] m = ClassificationMetrics.confusionMatrix(labels, predicted, 3);
        assertArrayEquals(new int[] {2, 1, 0}, m[0]);
        assertArrayEquals(new int[] {0, 1, 1}, m[1]);
        assertArrayEquals(new int[] {0, 0, 1}, m[2]);
        List<ClassReport> report = ClassificationMetrics.perClass(m, List.of("a", "b", "c"));
        assertEquals(new ClassReport("a", 1.0, 2 / 3.0, 0.8, 3), report.get(0));
        assertEquals(0.5, report.get(1).precision(), 1e-12);
        assertEquals(0.5, report.get(1).recall(), 1e-12);
        assertEquals(0.5, report.get(2).precision(), 1e-12);
        assertEquals(1.0, report.get(2).recall(), 1e-12);
        double f1c = 2 * 0.5 * 1.0 / 1.5;
        assertEquals((0.8 + 0.5 + f1c) / 3, ClassificationMetrics.macroF1(m), 1e-12);
        assertEquals(4 / 6.0, ClassificationMetrics.accuracy(labels, predicted), 1e-12);
    }

    @Test
    void logLossAndArgmax() {
        float[][] p = {{0.25f, 0.75f}, {0.5f, 0.5f}};
        assertArrayEquals(new int[] {1, 0}, ClassificationMetrics.argmax(p));
        double expected = -(Math.log(0.75) + Math.log(0.5)) / 2;
        assertEquals(expected, ClassificationMetrics.logLoss(new int[] {1, 0}, p), 1e-7);
        assertTrue(Double.isNaN(ClassificationMetrics.accuracy(new int[0], new int[0])));
    }

    @Test
    void balancedClassWeights() {
        assertArrayEquals(new float[] {0.625f, 2.5f, 0f}, ClassWeightedCrossEntropy.balanced(new int[] {4, 1, 0}), 1e-6f);
    }

    @Test
    void balancedAccuracyAndQuadraticKappaByHand() {
        int[][] m = ClassificationMetrics.confusionMatrix(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2}, 3);
        assertEquals((2 / 3.0 + 0.5 + 1) / 3, ClassificationMetrics.balancedAccuracy(m), 1e-12);
        // Rows 3,2,1; columns 2,2,2: observed weighted disagreement 2, expected 8.
        assertEquals(0.75, ClassificationMetrics.quadraticKappa(m), 1e-12);
        assertEquals(1.0, ClassificationMetrics.quadraticKappa(new int[][] {{2, 0}, {0, 3}}), 1e-12);
    }

    @Test
    void calibrationErrorIsTheWeightedConfidenceGap() {
        float[][] p = {{0.25f, 0.75f}, {0.5f, 0.5f}, {0.1f, 0.9f}};
        // Confidences 0.75 (right), 0.5 (right), 0.9 (wrong), each alone in its bin.
        double expected = (0.25 + 0.5 + 0.9) / 3;
        assertEquals(expected, ClassificationMetrics.expectedCalibrationError(new int[] {1, 0, 0}, p, 15), 1e-6);
        float[][] sure = {{1f, 0f}, {0f, 1f}};
        assertEquals(0.0, ClassificationMetrics.expectedCalibrationError(new int[] {0, 1}, sure, 15), 1e-12);
    }
}
