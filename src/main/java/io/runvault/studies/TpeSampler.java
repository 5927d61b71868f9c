package io.runvault.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen Estimator, after Optuna 3.1's TPESampler with its defaults: random draws for
 * the first {@code nStartupTrials} (10) finished trials; then the finished trials are ranked, the best
 * gamma(n) = min(ceil(0.1 n), 25) form the "good" density l(x) and the rest the "bad" one g(x) (each a
 * {@link ParzenEstimator} with a prior of weight 1, magic clip, no endpoints, and Optuna's weights
 * ramp for old trials), and of {@code nEiCandidates} (24) draws from l the one with the largest
 * l(x)/g(x) is taken.
 *
 * <p>Ranking follows Optuna: COMPLETE trials by value; PRUNED trials after them, those that got
 * further first (by their last step), then by their last intermediate value (NaN counts as worst),
 * pruned trials that reported nothing last of all. FAIL, RUNNING and WAITING trials are ignored.
 *
 * <p>Univariate (each parameter on its own, Optuna's default) or multivariate (one joint mixture
 * with Optuna's bandwidth 0.2 n^(-1/(d+4)) of the range); see {@link Settings}.
 */
public final class TpeSampler implements Sampler {

    /**
     * @param nStartupTrials finished trials before TPE takes over from random sampling
     * @param nEiCandidates candidates drawn from l(x) per parameter (per trial when multivariate)
     * @param priorWeight weight of the prior component
     * @param magicClip floor the kernel widths at range / min(100, 1 + components)
     * @param endpoints let the range ends widen the outermost kernels
     * @param multivariate model the parameters jointly
     */
    public record Settings(int nStartupTrials, int nEiCandidates, double priorWeight, boolean magicClip,
            boolean endpoints, boolean multivariate) {

        /** Optuna 3.1's defaults (univariate). */
        public static Settings optunaDefaults() {
            return new Settings(10, 24, 1.0, true, false, false);
        }

        public Settings withMultivariate(boolean on) {
            return new Settings(nStartupTrials, nEiCandidates, priorWeight, magicClip, endpoints, on);
        }

        public Settings withStartupTrials(int n) {
            return new Settings(n, nEiCandidates, priorWeight, magicClip, endpoints, multivariate);
        }
    }

    private final long seed;
    private final Settings settings;

    public TpeSampler(long seed) {
        this(seed, Settings.optunaDefaults());
    }

    public TpeSampler(long seed, Settings settings) {
        if (settings.nStartupTrials() < 0 || settings.nEiCandidates() < 1 || !(settings.priorWeight() > 0)) {
            throw new IllegalArgumentException("invalid TPE settings " + settings);
        }
        this.seed = seed;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** gamma(n) = min(ceil(0.1 n), 25): how many of n ranked trials count as good. */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** A finished trial's place in the ranking: smaller stepKey first, then smaller loss. */
    private record Scored(Trial trial, double stepKey, double loss) {}

    @Override
    public Map<String, Object> sample(SearchSpace space, Direction direction, List<Trial> trials, int number) {
        SplittableRandom random = Sampler.randomFor(seed, number);
        List<Scored> scored = score(trials, direction);
        if (scored.size() < settings.nStartupTrials()) {
            return RandomSampler.sample(space, random);
        }
        // Order of the split: ranked, then each side in trial order (old trials first, for the weights ramp).
        List<Scored> ranked = new ArrayList<>(scored);
        ranked.sort(Comparator.comparingDouble(Scored::stepKey).thenComparingDouble(Scored::loss));
        int nBelow = gamma(scored.size());
        List<Trial> below = byNumber(ranked.subList(0, nBelow));
        List<Trial> above = byNumber(ranked.subList(nBelow, ranked.size()));

        ParzenEstimator.Settings pe = new ParzenEstimator.Settings(settings.priorWeight(), settings.magicClip(),
                settings.endpoints(), settings.multivariate());
        Map<String, Object> params = new LinkedHashMap<>();
        if (settings.multivariate()) {
            List<String> names = space.names();
            double[] best = bestCandidate(space, names, below, above, pe, random);
            for (int j = 0; j < names.size(); j++) {
                params.put(names.get(j), space.get(names.get(j)).toExternal(best[j]));
            }
        } else {
            for (String name : space.names()) {
                double[] best = bestCandidate(space, List.of(name), below, above, pe, random);
                params.put(name, space.get(name).toExternal(best[0]));
            }
        }
        return params;
    }

    private double[] bestCandidate(SearchSpace space, List<String> names, List<Trial> below, List<Trial> above,
            ParzenEstimator.Settings pe, SplittableRandom random) {
        List<Distribution> dists = names.stream().map(space::get).toList();
        ParzenEstimator l = new ParzenEstimator(dists, observations(names, dists, below), pe);
        ParzenEstimator g = new ParzenEstimator(dists, observations(names, dists, above), pe);
        double[][] candidates = l.sample(random, settings.nEiCandidates());
        double[] logL = l.logPdf(candidates);
        double[] logG = g.logPdf(candidates);
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (logL[i] - logG[i] > logL[best] - logG[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    /** Internal values of the trials that drew every one of these parameters from the same distribution. */
    private static double[][] observations(List<String> names, List<Distribution> dists, List<Trial> trials) {
        List<double[]> rows = new ArrayList<>();
        for (Trial t : trials) {
            double[] row = new double[names.size()];
            boolean usable = true;
            for (int j = 0; j < names.size() && usable; j++) {
                String name = names.get(j);
                usable = t.params().containsKey(name) && dists.get(j).equals(t.distributions().get(name));
                if (usable) {
                    row[j] = dists.get(j).toInternal(t.params().get(name));
                }
            }
            if (usable) {
                rows.add(row);
            }
        }
        return rows.toArray(new double[0][]);
    }

    private static List<Trial> byNumber(List<Scored> part) {
        return part.stream().map(Scored::trial).sorted(Comparator.comparingInt(Trial::number)).toList();
    }

    private static List<Scored> score(List<Trial> trials, Direction direction) {
        double sign = direction.lossSign();
        List<Scored> out = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null) {
                out.add(new Scored(t, Double.NEGATIVE_INFINITY, sign * t.value()));
            } else if (t.state() == TrialState.PRUNED) {
                if (t.intermediateValues().isEmpty()) {
                    out.add(new Scored(t, 1, 0.0));
                } else {
                    double v = t.intermediateValues().get(t.lastStep());
                    out.add(new Scored(t, -t.lastStep(), Double.isNaN(v) ? Double.POSITIVE_INFINITY : sign * v));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TpeSampler" + Arrays.asList(seed, settings);
    }
}
