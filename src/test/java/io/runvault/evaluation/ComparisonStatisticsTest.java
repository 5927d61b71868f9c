package io.runvault.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.reports.ClassificationReport;
import io.runvault.reports.Predictions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComparisonStatisticsTest {

    @Test
    void mcnemarExactOnTenAgainstTwo() {
        // 2 P(X <= 2 | n = 12, p = 1/2) = 2 (1 + 12 + 66) / 4096 = 79 / 2048.
        McNemarTest t = McNemarTest.of(10, 2);
        assertEquals(79.0 / 2048, t.exactP(), 1e-15);
        assertEquals(0.03857421875, t.exactP(), 1e-12);
        // (|10 - 2| - 1)^2 / 12 = 49 / 12; its chi-square(1) tail is erfc(sqrt(x / 2)).
        assertEquals(49.0 / 12, t.chiSquare(), 1e-15);
        assertEquals(0.04330814281079198, t.chiSquareP(), 1e-12);
    }

    @Test
    void mcnemarOnAgrestisPresidentialApproval() {
        // Agresti, Categorical Data Analysis, table 10.1: 150 approve -> disapprove, 86 the reverse.
        // Uncorrected z^2 = 64^2 / 236 = 17.36; corrected (64 - 1)^2 / 236 = 16.82.
        McNemarTest t = McNemarTest.of(150, 86);
        assertEquals(3969.0 / 236, t.chiSquare(), 1e-12);
        assertEquals(4.1145622813459415e-05, t.chiSquareP(), 1e-15);
        assertEquals(3.715936139571442e-05, t.exactP(), 1e-15);
        // Symmetric in the direction.
        assertEquals(t.exactP(), McNemarTest.of(86, 150).exactP(), 1e-18);
    }

    @Test
    void mcnemarEdgeCasesAndLargeCounts() {
        assertEquals(1.0, McNemarTest.of(0, 0).exactP());
        assertEquals(1.0, McNemarTest.of(0, 0).chiSquareP());
        assertEquals(1.0, McNemarTest.of(5, 5).exactP());
        assertEquals(0.0, McNemarTest.of(5, 5).chiSquare());
        assertEquals(0.0703125, McNemarTest.of(7, 1).exactP(), 1e-15);
        assertEquals(0.07709987174354177, McNemarTest.of(7, 1).chiSquareP(), 1e-12);
        // Thousands of discordant pairs: 2^-2300 underflows, the log-space sum does not.
        McNemarTest big = McNemarTest.of(1200, 1100);
        assertEquals(0.03896685268382058, big.exactP(), 1e-12);
        assertEquals(0.038989972823656543, big.chiSquareP(), 1e-12);
        assertEquals(2.52911025646706e-05, McNemarTest.of(59, 21).exactP(), 1e-16);
        assertEquals(3.522967343790287e-05, McNemarTest.of(59, 21).chiSquareP(), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> McNemarTest.of(-1, 2));
    }

    @Test
    void mcnemarCountsDiscordantPairs() {
        boolean[] a = {true, true, true, false, false, true};
        boolean[] b = {true, false, false, true, false, false};
        McNemarTest t = McNemarTest.of(a, b);
        assertEquals(3, t.b());
        assertEquals(1, t.c());
        assertThrows(IllegalArgumentException.class, () -> McNemarTest.of(new boolean[2], new boolean[3]));
    }

    @Test
    void bootstrapIntervalOfAMeanApproachesTheNormalInterval() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 2000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + 2 * r.nextGaussian();
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        double half = 1.959963984540054 * sd / Math.sqrt(n);
        ConfidenceInterval ci = Bootstrap.percentileInterval(n, counts -> {
            double s = 0;
            long w = 0;
            for (int i = 0; i < n; i++) {
                s += counts[i] * x[i];
                w += counts[i];
            }
            return s / w;
        }, 4000, 11, 0.95);
        assertEquals(mean, ci.estimate(), 1e-12);
        assertEquals(mean - half, ci.lower(), 0.1 * half);
        assertEquals(mean + half, ci.upper(), 0.1 * half);
    }

    @Test
    void percentilesInterpolateAsNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.1, Bootstrap.quantile(sorted, 0.025), 1e-12);
        assertEquals(4.9, Bootstrap.quantile(sorted, 0.975), 1e-12);
        assertEquals(3.0, Bootstrap.quantile(sorted, 0.5), 1e-12);
        ConfidenceInterval ci = Bootstrap.interval(0, new double[] {5, Double.NaN, 1, 3, 2, 4}, 0.95);
        assertEquals(1.1, ci.lower(), 1e-12);
        // All replicates on one side: the smallest p-value B allows.
        assertEquals(2.0 / 5, Bootstrap.pValue(new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(1.0, Bootstrap.pValue(new double[] {-1, 1, -2, 2}), 1e-12);
    }

    @Test
    void weightedScoresMatchTheClassificationReport() {
        Predictions p = predictions(300, 0.8, 5);
        WeightedScores s = new WeightedScores(p);
        int[] ones = new int[p.size()];
        Arrays.fill(ones, 1);
        ClassificationReport report = ClassificationReport.of(p);
        assertEquals(report.accuracy(), s.accuracy(ones), 1e-12);
        assertEquals(report.macroAvg().f1(), s.macroF1(ones), 1e-12);
        assertEquals(report.macroRocAuc(), s.macroAuc(ones), 1e-12);
        // Counts act as copies: doubling sample 0 and dropping sample 1 equals the copied data set.
        int[] counts = ones.clone();
        counts[0] = 2;
        counts[1] = 0;
        int[] idx = new int[p.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i == 1 ? 0 : i;
        }
        ClassificationReport copied = ClassificationReport.of(subset(p, idx));
        assertEquals(copied.accuracy(), s.accuracy(counts), 1e-12);
        assertEquals(copied.macroAvg().f1(), s.macroF1(counts), 1e-12);
        assertEquals(copied.macroRocAuc(), s.macroAuc(counts), 1e-12);
    }

    @Test
    void aBetterModelWinsAndTheSeedFixesEverything() {
        List<ComparedModel> models = List.of(new ComparedModel("strong", predictions(600, 0.9, 1)),
                new ComparedModel("weak", predictions(600, 0.6, 2)), new ComparedModel("strong-again", predictions(600, 0.9, 3)));
        ComparisonResult r = ModelComparison.compare(models, 42, 500);
        assertEquals(3, r.models().size());
        assertEquals(3, r.pairs().size());
        assertEquals(List.of("strong", "weak"), List.of(r.pairs().get(0).modelA(), r.pairs().get(0).modelB()));
        PairwiseComparison strongWeak = r.pairs().get(0);
        for (String metric : ModelComparison.METRICS) {
            PairedDifference d = strongWeak.difference(metric);
            assertTrue(d.difference() > 0 && d.lower() > 0, metric + " " + d);
            assertEquals(2.0 / 501, d.pValue(), 1e-12, metric);
            ConfidenceInterval ci = r.models().get(0).metric(metric);
            assertTrue(ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper(), metric + " " + ci);
        }
        assertTrue(strongWeak.mcnemar().exactP() < 1e-6);
        // Two equally good models: the intervals straddle 0 and the p-value is large.
        PairwiseComparison twins = r.pairs().get(1).modelA().equals("strong") ? r.pairs().get(1) : r.pairs().get(2);
        assertEquals("strong-again", twins.modelB());
        PairedDifference acc = twins.difference("accuracy");
        assertTrue(acc.lower() < 0 && acc.upper() > 0, acc.toString());
        assertTrue(acc.pValue() > 0.05, acc.toString());
        // Estimates are the plain metrics; the same seed gives the same comparison.
        assertEquals(ClassificationReport.of(models.get(1).predictions()).macroRocAuc(),
                r.models().get(1).metric("auc_ovr").estimate(), 1e-12);
        assertEquals(r, ModelComparison.compare(models, 42, 500));
        assertTrue(!r.equals(ModelComparison.compare(models, 43, 500)));
    }

    @Test
    void modelsMustShareTheTestSet() {
        ComparedModel a = new ComparedModel("a", predictions(100, 0.9, 1));
        ComparedModel b = new ComparedModel("b", predictions(90, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> ModelComparison.compare(List.of(a, b), 1));
        assertThrows(IllegalArgumentException.class, () -> ModelComparison.compare(List.of(a, a), 1));
        assertThrows(IllegalArgumentException.class, () -> ModelComparison.compare(List.of(a), 1, 0));
    }

    @Test
    void seedGroupsGiveMeanAndSampleStandardDeviation() {
        // Three seeds of one configuration: accuracy 0.672, 0.634, 0.671.
        Map<String, Object> params = Map.of("architecture", "efficientnetb0", "lr", 1e-4, "seed", 42);
        String key = SeedGroups.groupKey(params);
        assertEquals("architecture=efficientnetb0, lr=1.0E-4", key);
        assertEquals(key, SeedGroups.groupKey(Map.of("seed", 43, "lr", 1e-4, "architecture", "efficientnetb0")));
        List<SeedGroupSummary> s = SeedGroups.summarize(List.of(
                new SeedRun(key, "results_4", 42, Map.of("accuracy", 0.672, "macro_f1", 0.643)),
                new SeedRun("other", "results_9", 42, Map.of("accuracy", 0.5)),
                new SeedRun(key, "results_5", 43, Map.of("accuracy", 0.634, "macro_f1", 0.571)),
                new SeedRun(key, "results_6", 44, Map.of("accuracy", 0.671))));
        assertEquals(2, s.size());
        SeedGroupSummary g = s.get(0);
        assertEquals(List.of("results_4", "results_5", "results_6"), g.runs());
        assertEquals(List.of(42L, 43L, 44L), g.seeds());
        assertEquals(3, g.metrics().get("accuracy").n());
        assertEquals(0.659, g.metrics().get("accuracy").mean(), 1e-12);
        assertEquals(0.021656407827707735, g.metrics().get("accuracy").std(), 1e-12);
        assertEquals(2, g.metrics().get("macro_f1").n());
        assertEquals(Math.sqrt(2) * 0.036, g.metrics().get("macro_f1").std(), 1e-12);
        assertTrue(Double.isNaN(s.get(1).metrics().get("accuracy").std()), "one run has no standard deviation");
    }

    /** n samples of 4 classes, right with probability {@code skill}, scores noisy. */
    static Predictions predictions(int n, double skill, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = 4;
        int[] labels = new int[n];
        double[] probs = new double[n * k];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            int top = r.nextDouble() < skill ? labels[i] : (labels[i] + 1 + r.nextInt(k - 1)) % k;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = r.nextDouble() * 0.3 + (c == top ? 1.0 : 0) + (c == labels[i] ? 0.2 : 0);
                probs[i * k + c] = v;
                sum += v;
            }
            for (int c = 0; c < k; c++) {
                probs[i * k + c] /= sum;
            }
        }
        return new Predictions(List.of("a", "b", "c", "d"), labels, probs);
    }

    static Predictions subset(Predictions p, int[] idx) {
        int k = p.numClasses();
        int[] labels = new int[idx.length];
        double[] probs = new double[idx.length * k];
        for (int i = 0; i < idx.length; i++) {
            labels[i] = p.trueLabel(idx[i]);
            for (int c = 0; c < k; c++) {
                probs[i * k + c] = p.probability(idx[i], c);
            }
        }
        return new Predictions(p.classNames(), labels, probs);
    }
}
