package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerTest {

    static final SearchSpace SPACE = new SearchSpace(Map.of("x", FloatDistribution.uniform(0, 1)));

    /** A trial that reported these values at steps 0, 1, ... */
    static Trial reported(int number, double... values) {
        Trial t = Trial.running(number, Map.of("x", 0.5), SPACE, Instant.EPOCH);
        for (int s = 0; s < values.length; s++) {
            t = t.report(s, values[s]);
        }
        return t;
    }

    static List<Trial> completed(int n) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Accuracy curves 0.5, 0.6, 0.7 + 0.01 i: median at step 1 of 5 trials is 0.62.
            trials.add(reported(i, 0.5 + 0.01 * i, 0.6 + 0.01 * i, 0.7 + 0.01 * i).complete(0.7 + 0.01 * i, Instant.EPOCH));
        }
        return trials;
    }

    @Test
    void medianPrunerWaitsForFiveCompletedTrialsThenComparesTheBestValueWithTheMedian() {
        MedianPruner pruner = new MedianPruner();
        List<Trial> four = completed(4);
        assertFalse(pruner.decide(reported(4, 0.1, 0.1), four, Direction.MAXIMIZE).prune());
        List<Trial> five = completed(5);
        assertTrue(pruner.decide(reported(5, 0.1, 0.61), five, Direction.MAXIMIZE).prune());
        // The best value so far counts, not the last one.
        assertFalse(pruner.decide(reported(5, 0.7, 0.1), five, Direction.MAXIMIZE).prune());
        assertFalse(pruner.decide(reported(5, 0.1, 0.62), five, Direction.MAXIMIZE).prune());
        // Minimising: a loss above the median at its step is pruned.
        assertTrue(pruner.decide(reported(5, 0.9, 0.63), five, Direction.MINIMIZE).prune());
        assertFalse(pruner.decide(reported(5, 0.9, 0.61), five, Direction.MINIMIZE).prune());
        // All NaN: pruned. No completed trial reported the step: kept.
        assertTrue(pruner.decide(reported(5, Double.NaN), five, Direction.MAXIMIZE).prune());
        assertFalse(pruner.decide(reported(5, 0, 0, 0, 0), five, Direction.MAXIMIZE).prune());
        // Warm-up steps.
        assertFalse(new MedianPruner(5, 2, 1, 1).decide(reported(5, 0.1, 0.1), five, Direction.MAXIMIZE).prune());
        assertEquals(0.62, MedianPruner.nanMedian(List.of(0.6, 0.61, 0.62, 0.63, 0.64, Double.NaN)), 1e-12);
        assertEquals(0.615, MedianPruner.nanMedian(List.of(0.6, 0.61, 0.62, 0.63)), 1e-12);
    }

    @Test
    void successiveHalvingKeepsTheTopQuarterOfEachRung() {
        // min resource 1, reduction factor 4: rungs at steps 1, 4, 16.
        SuccessiveHalvingPruner pruner = new SuccessiveHalvingPruner(1, 4, 0, 0);
        List<Trial> study = new ArrayList<>();
        // Step 0 is below the first rung: never pruned.
        assertFalse(pruner.decide(reported(0, 0.1), study, Direction.MAXIMIZE).prune());
        // The first trial at rung 0 competes only with itself: promoted, and its value recorded.
        Pruner.Decision first = pruner.decide(reported(0, 0.1, 0.5), study, Direction.MAXIMIZE);
        assertFalse(first.prune());
        assertEquals(Map.of("completed_rung_0", 0.5), first.systemAttributes());
        study.add(reported(0, 0.1, 0.5).withSystemAttributes(first.systemAttributes()));
        for (int i = 1; i < 8; i++) {
            double v = 0.1 * i;
            Pruner.Decision d = pruner.decide(reported(i, 0.1, v), study, Direction.MAXIMIZE);
            study.add(reported(i, 0.1, v).withSystemAttributes(d.systemAttributes()));
            // With n competitors the top max(1, n / 4) go on.
            List<Double> competing = new ArrayList<>();
            study.forEach(t -> competing.add((Double) t.systemAttributes().get("completed_rung_0")));
            competing.sort(null);
            int keep = Math.max(1, competing.size() / 4);
            assertEquals(v < competing.get(competing.size() - keep), d.prune(), "trial " + i + " value " + v);
        }
        // A promoted trial carries its rung record into the next decision; at step 4 it meets rung 1.
        Trial promoted = reported(9, 0.1, 0.9, 0.9, 0.9, 0.9).withSystemAttributes(Map.of("completed_rung_0", 0.9));
        Pruner.Decision next = pruner.decide(promoted, study, Direction.MAXIMIZE);
        assertFalse(next.prune());
        assertEquals(Map.of("completed_rung_1", 0.9), next.systemAttributes());
    }

    @Test
    void successiveHalvingWithAutoResourceWaitsForACompletedTrial() {
        SuccessiveHalvingPruner pruner = new SuccessiveHalvingPruner();
        assertFalse(pruner.decide(reported(0, 0.1, 0.1, 0.1), List.of(), Direction.MAXIMIZE).prune());
        List<Trial> study = List.of(reported(0, 0.9, 0.9).complete(0.9, Instant.EPOCH)
                .withSystemAttributes(Map.of("completed_rung_0", 0.9)));
        assertTrue(pruner.decide(reported(1, 0.1, 0.1), study, Direction.MAXIMIZE).prune());
    }
}
