package io.runvault.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    /**
     * Eight samples of three classes, worked by hand:
     * predictions (arg-max) 0,0,1 | 1,1,0 | 2,2 against truth 0,0,0 | 1,1,1 | 2,2.
     */
    static Predictions worked() {
        return Predictions.fromRows(List.of("A", "B", "C"), new int[] {0, 0, 0, 1, 1, 1, 2, 2}, new double[][] {
                {0.7, 0.2, 0.1},
                {0.5, 0.4, 0.1},
                {0.3, 0.6, 0.1},
                {0.2, 0.7, 0.1},
                {0.1, 0.8, 0.1},
                {0.5, 0.3, 0.2},
                {0.1, 0.2, 0.7},
                {0.3, 0.3, 0.4}});
    }

    @Test
    void workedExample() {
        ClassificationReport r = ClassificationReport.of(worked());
        assertArrayEquals(new long[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 2}}, r.confusionMatrix());
        assertEquals(8, r.total());
        assertEquals(0.75, r.accuracy(), 1e-15);
        ClassificationReport.ClassMetrics a = r.perClass().get(0);
        assertEquals("A", a.name());
        assertEquals(2.0 / 3, a.precision(), 1e-15);
        assertEquals(2.0 / 3, a.recall(), 1e-15);
        assertEquals(2.0 / 3, a.f1(), 1e-15);
        assertEquals(3, a.support());
        ClassificationReport.ClassMetrics c = r.perClass().get(2);
        assertEquals(1.0, c.precision());
        assertEquals(1.0, c.recall());
        assertEquals(2, c.support());
        assertEquals((2.0 / 3 + 2.0 / 3 + 1) / 3, r.macroAvg().precision(), 1e-15);
        assertEquals(0.75, r.weightedAvg().precision(), 1e-15);
        assertEquals(0.75, r.weightedAvg().recall(), 1e-15);
        assertEquals(8, r.macroAvg().support());

        // One-vs-rest AUC by the rank-sum: class A's scores 0.1 0.1 0.2 0.3 0.3 0.5 0.5 0.7 have average
        // ranks 1.5 1.5 3 4.5 4.5 6.5 6.5 8; its positives (0.7, 0.5, 0.3) sum to 19, U = 19 - 3*4/2 = 13.
        assertEquals(13.0 / 15, a.rocAuc(), 1e-15);
        // Class B: positives 0.7 0.8 beat all five negatives, 0.3 beats two and ties one: U = 12.5.
        assertEquals(12.5 / 15, r.perClass().get(1).rocAuc(), 1e-15);
        assertEquals(1.0, c.rocAuc());
        assertEquals(0.9, r.macroRocAuc(), 1e-15);
    }

    @Test
    void textMatchesSklearnLayout() {
        String expected = ""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "           A       0.67      0.67      0.67         3\n"
                + "           B       0.67      0.67      0.67         3\n"
                + "           C       1.00      1.00      1.00         2\n"
                + "\n"
                + "    accuracy                           0.75         8\n"
                + "   macro avg       0.78      0.78      0.78         8\n"
                + "weighted avg       0.75      0.75      0.75         8\n";
        assertEquals(expected, ClassificationReport.of(worked()).toText());
        String four = ClassificationReport.of(worked()).toText(4);
        assertTrue(four.contains("   macro avg     0.7778    0.7778    0.7778         8\n"), four);
    }

    @Test
    void longClassNamesWidenTheFirstColumn() {
        List<String> names = List.of("T-shirt/top", "Trouser", "Ankle boot (long name)");
        Predictions p = Predictions.fromRows(names, new int[] {0, 1, 2}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        String text = ClassificationReport.of(p).toText();
        String[] lines = text.split("\n");
        assertEquals("Ankle boot (long name)       1.00      1.00      1.00         1", lines[4]);
        assertEquals("           T-shirt/top       1.00      1.00      1.00         1", lines[2]);
    }

    @Test
    void roundsHalfEvenOnTheExactValueAsPython() {
        assertEquals("0.12", ClassificationReport.fixed(0.125, 2)); // exactly representable: half-even
        assertEquals("0.28", ClassificationReport.fixed(0.285, 2)); // 0.28499999999999998 in binary
        assertEquals("0.38", ClassificationReport.fixed(0.375, 2));
        assertEquals("1.00", ClassificationReport.fixed(0.999, 2));
    }

    @Test
    void undefinedMetricsAreZeroAndAbsentClassesHaveNoAuc() {
        // Class C never occurs and is never predicted; B is never predicted.
        Predictions p = Predictions.fromRows(List.of("A", "B", "C"), new int[] {0, 1, 0},
                new double[][] {{0.9, 0.1, 0}, {0.6, 0.4, 0}, {0.8, 0.2, 0}});
        ClassificationReport r = ClassificationReport.of(p);
        assertEquals(0.0, r.perClass().get(1).precision());
        assertEquals(0.0, r.perClass().get(1).f1());
        assertEquals(0, r.perClass().get(2).support());
        assertTrue(Double.isNaN(r.perClass().get(2).rocAuc()));
        // A: positives 0.9, 0.8 both beat the negative 0.6; B: the positive 0.4 beats 0.1 and 0.2.
        assertEquals(1.0, r.perClass().get(0).rocAuc());
        assertEquals(1.0, r.perClass().get(1).rocAuc());
        assertEquals(1.0, r.macroRocAuc());
        assertEquals(2.0 / 3, r.accuracy(), 1e-15);
    }

    @Test
    void aucEqualsTheQuadraticPairCountOnRandomTiedScores() {
        Random rnd = new Random(42);
        int n = 400;
        int k = 4;
        int[] labels = new int[n];
        double[] probs = new double[n * k];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(k);
            for (int c = 0; c < k; c++) {
                probs[i * k + c] = rnd.nextInt(10) / 10.0 + (c == labels[i] ? 0.2 : 0); // many ties
            }
        }
        Predictions p = new Predictions(List.of("a", "b", "c", "d"), labels, probs);
        ClassificationReport r = ClassificationReport.of(p);
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double u = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] != c) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (labels[j] == c) {
                        continue;
                    }
                    pairs++;
                    double si = probs[i * k + c];
                    double sj = probs[j * k + c];
                    u += si > sj ? 1 : si == sj ? 0.5 : 0;
                }
            }
            assertEquals(u / pairs, r.perClass().get(c).rocAuc(), 1e-12);
            sum += u / pairs;
        }
        assertEquals(sum / k, r.macroRocAuc(), 1e-12);
    }

    @Test
    void predictionsAreValidated() {
        List<String> two = List.of("x", "y");
        assertThrows(IllegalArgumentException.class, () -> new Predictions(two, new int[] {0, 2}, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> new Predictions(two, new int[] {0}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new Predictions(two, new int[] {0}, new double[] {Double.NaN, 1}));
        Predictions p = new Predictions(two, new int[] {1}, new double[] {0.5, 0.5});
        assertEquals(0, p.predicted(0)); // the first of equal maxima, as numpy.argmax
    }
}
