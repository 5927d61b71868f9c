package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    static SearchSpace mixedSpace() {
        Map<String, Distribution> m = new LinkedHashMap<>();
        m.put("lr", FloatDistribution.logUniform(1e-5, 1e-1));
        m.put("batch", new IntDistribution(16, 128, false, 16));
        m.put("width", new IntDistribution(1, 1024, true, 1));
        m.put("drop", new FloatDistribution(0, 0.5, false, 0.1));
        m.put("opt", CategoricalDistribution.of("adam", "sgd", "rmsprop"));
        return new SearchSpace(m);
    }

    /** A made-up response with its best at lr = 1e-3, batch 64, width 256, drop 0.2, sgd. */
    static double objective(Map<String, Object> p) {
        double lr = Math.log10((Double) p.get("lr")) + 3;
        double batch = ((Long) p.get("batch") - 64) / 64.0;
        double width = Math.log((Long) p.get("width") / 256.0);
        double drop = (Double) p.get("drop") - 0.2;
        double opt = p.get("opt").equals("sgd") ? 0 : 0.5;
        return lr * lr + batch * batch + 0.2 * width * width + 4 * drop * drop + opt;
    }

    static List<Trial> run(Sampler sampler, SearchSpace space, int n) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = sampler.sample(space, Direction.MINIMIZE, trials, i);
            trials.add(Trial.running(i, p, space, Instant.EPOCH).complete(objective(p), Instant.EPOCH));
        }
        return trials;
    }

    @Test
    void sameSeedSameTrialsOtherSeedOtherTrials() {
        SearchSpace space = mixedSpace();
        List<Trial> a = run(new TpeSampler(7), space, 30);
        List<Trial> b = run(new TpeSampler(7), space, 30);
        List<Trial> c = run(new TpeSampler(8), space, 30);
        assertEquals(a.stream().map(Trial::params).toList(), b.stream().map(Trial::params).toList());
        assertNotEquals(a.stream().map(Trial::params).toList(), c.stream().map(Trial::params).toList());
    }

    @Test
    void sampleDependsOnHistoryAndNumberOnlyNotOnCallOrder() {
        SearchSpace space = mixedSpace();
        List<Trial> history = run(new TpeSampler(3), space, 15);
        TpeSampler sampler = new TpeSampler(11);
        Map<String, Object> first = sampler.sample(space, Direction.MINIMIZE, history, 15);
        sampler.sample(space, Direction.MINIMIZE, history, 16);
        assertEquals(first, new TpeSampler(11).sample(space, Direction.MINIMIZE, history, 15));
    }

    @Test
    void everyValueLiesInItsDistribution() {
        SearchSpace space = mixedSpace();
        for (Trial t : run(new TpeSampler(1), space, 40)) {
            space.params().forEach((name, d) -> assertTrue(d.contains(t.params().get(name)), name + "=" + t.params().get(name)));
            assertTrue(t.params().get("batch") instanceof Long);
            assertTrue(t.params().get("lr") instanceof Double);
        }
    }

    @Test
    void beatsRandomSearchOnASmoothObjective() {
        SearchSpace space = mixedSpace();
        int tpeWins = 0;
        for (long seed = 0; seed < 10; seed++) {
            double tpe = best(run(new TpeSampler(seed), space, 60));
            double random = best(run(new RandomSampler(seed), space, 60));
            tpeWins += tpe < random ? 1 : 0;
        }
        assertTrue(tpeWins >= 8, "TPE better than random in only " + tpeWins + " of 10 seeds");
    }

    @Test
    void multivariateAlsoConverges() {
        SearchSpace space = mixedSpace();
        TpeSampler.Settings mv = TpeSampler.Settings.optunaDefaults().withMultivariate(true);
        double tpe = best(run(new TpeSampler(5, mv), space, 60));
        double random = best(run(new RandomSampler(5), space, 60));
        assertTrue(tpe < random, tpe + " vs " + random);
    }

    @Test
    void randomUntilTenTrialsFinishedFailedAndRunningOnesDoNotCount() {
        SearchSpace space = new SearchSpace(Map.of("x", FloatDistribution.uniform(0, 1)));
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            trials.add(Trial.running(i, Map.of("x", 0.01 * i), space, Instant.EPOCH).complete(i, Instant.EPOCH));
        }
        trials.add(Trial.running(9, Map.of("x", 0.5), space, Instant.EPOCH).fail("oom", Instant.EPOCH));
        trials.add(Trial.running(10, Map.of("x", 0.6), space, Instant.EPOCH));
        // 9 finished trials: still the random sampler's draw for this number.
        assertEquals(new RandomSampler(4).sample(space, Direction.MINIMIZE, trials, 11),
                new TpeSampler(4).sample(space, Direction.MINIMIZE, trials, 11));
        trials.add(Trial.running(11, Map.of("x", 0.09), space, Instant.EPOCH).prune(Instant.EPOCH));
        // A pruned trial counts as finished: now TPE.
        assertNotEquals(new RandomSampler(4).sample(space, Direction.MINIMIZE, trials, 12),
                new TpeSampler(4).sample(space, Direction.MINIMIZE, trials, 12));
    }

    @Test
    void goodTrialsPullSamplesTowardsThemForEitherDirection() {
        SearchSpace space = new SearchSpace(Map.of("x", FloatDistribution.uniform(0, 100)));
        for (Direction direction : Direction.values()) {
            List<Trial> trials = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double x = 2.5 * i;
                // The best values sit near x = 20 for both directions.
                double loss = Math.abs(x - 20);
                double value = direction == Direction.MINIMIZE ? loss : -loss;
                trials.add(Trial.running(i, Map.of("x", x), space, Instant.EPOCH).complete(value, Instant.EPOCH));
            }
            int near = 0;
            for (int n = 40; n < 60; n++) {
                double x = (Double) new TpeSampler(9).sample(space, direction, trials, n).get("x");
                near += Math.abs(x - 20) < 10 ? 1 : 0;
            }
            assertTrue(near >= 16, direction + ": only " + near + " of 20 near the good region");
        }
    }

    @Test
    void prunedTrialsRankAfterCompleteOnesByStepThenLastValue() {
        SearchSpace space = new SearchSpace(Map.of("x", FloatDistribution.uniform(0, 100)));
        List<Trial> trials = new ArrayList<>();
        // Ten complete trials, all mediocre, spread out; then pruned trials with excellent last
        // values near x = 90: they must not count as good, because complete trials rank first.
        for (int i = 0; i < 10; i++) {
            trials.add(Trial.running(i, Map.of("x", 5.0 * i), space, Instant.EPOCH).complete(10 + i, Instant.EPOCH));
        }
        for (int i = 10; i < 20; i++) {
            trials.add(Trial.running(i, Map.of("x", 85 + 0.5 * (i - 10)), space, Instant.EPOCH)
                    .report(0, -1000).prune(Instant.EPOCH));
        }
        int nearPruned = 0;
        for (int n = 20; n < 40; n++) {
            double x = (Double) new TpeSampler(2).sample(space, Direction.MINIMIZE, trials, n).get("x");
            nearPruned += x > 80 ? 1 : 0;
        }
        assertTrue(nearPruned <= 4, nearPruned + " of 20 samples went to the pruned trials' region");
    }

    @Test
    void gammaAndWeightsFollowOptuna() {
        assertEquals(1, TpeSampler.gamma(1));
        assertEquals(1, TpeSampler.gamma(10));
        assertEquals(2, TpeSampler.gamma(11));
        assertEquals(25, TpeSampler.gamma(1000));
        double[] w = ParzenEstimator.componentWeights(3, 1.0);
        assertEquals(0.25, w[0], 1e-15);
        double[] ramp = ParzenEstimator.componentWeights(30, 1.0);
        // np.linspace(1/30, 1, 5) then 25 ones, then the prior's 1: total 31 - ... normalised
        double sum = (1.0 / 30 + (1.0 / 30 + 1) / 2 * 3 + 1) + 25 + 1;
        assertEquals((1.0 / 30) / sum, ramp[0], 1e-12);
        assertEquals(1.0 / sum, ramp[29], 1e-12);
    }

    static double best(List<Trial> trials) {
        return trials.stream().mapToDouble(Trial::value).min().orElseThrow();
    }
}
