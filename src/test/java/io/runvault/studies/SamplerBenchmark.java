package io.runvault.studies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sampler quality: our TPE against Optuna 3.1's on {@link BenchmarkFunctions}, as the median regret
 * (true value of the trial with the best reported value, minus the known minimum) over seeds. A plain
 * main program, deliberately not a test; tests/bench/sampler.sh runs it after Optuna's side.
 *
 * <pre>
 * java -cp ... io.runvault.studies.SamplerBenchmark [trials=50] [seeds=10] [optuna results file]
 * </pre>
 *
 * The results file holds lines {@code RESULT <function> <seed> <regret>} (tests/bench/sampler_optuna.py).
 */
public final class SamplerBenchmark {

    private SamplerBenchmark() {}

    public static void main(String[] args) throws IOException {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Map<String, List<Double>> optuna = args.length > 2 ? readOptuna(Path.of(args[2])) : Map.of();

        TpeSampler.Settings defaults = new TpeSampler(0).settings();
        TpeSampler.Settings other = defaults.withMultivariate(!defaults.multivariate());
        String defaultName = defaults.multivariate() ? "multivariate" : "univariate";
        String otherName = other.multivariate() ? "multivariate" : "univariate";
        System.out.printf(Locale.ROOT, "%d trials x %d seeds; median regret (best - f*); ours = TpeSampler defaults (%s)%n",
                trials, seeds, defaultName);
        System.out.printf(Locale.ROOT, "%-16s %12s %12s %8s %16s %12s%n", "function", "ours", "optuna",
                "ours/opt", "ours " + otherName, "random");
        for (BenchmarkFunctions.Function f : BenchmarkFunctions.all()) {
            double ours = median(run(f, trials, seeds, s -> new TpeSampler(s, defaults)));
            double alt = median(run(f, trials, seeds, s -> new TpeSampler(s, other)));
            double random = median(run(f, trials, seeds, RandomSampler::new));
            List<Double> theirs = optuna.get(f.name());
            String opt = theirs == null ? "n/a" : String.format(Locale.ROOT, "%.4g", median(theirs));
            String ratio = theirs == null ? "n/a" : String.format(Locale.ROOT, "%.2f", ours / median(theirs));
            System.out.printf(Locale.ROOT, "%-16s %12.4g %12s %8s %16.4g %12.4g%n", f.name(), ours, opt, ratio, alt, random);
        }
    }

    interface SamplerFactory {
        Sampler create(long seed);
    }

    static List<Double> run(BenchmarkFunctions.Function f, int trials, int seeds, SamplerFactory factory) {
        List<Double> regrets = new ArrayList<>();
        SearchSpace space = f.space();
        for (int seed = 0; seed < seeds; seed++) {
            Sampler sampler = factory.create(seed);
            List<Trial> history = new ArrayList<>();
            double bestReported = Double.POSITIVE_INFINITY;
            double bestExact = Double.NaN;
            for (int n = 0; n < trials; n++) {
                Map<String, Object> params = sampler.sample(space, Direction.MINIMIZE, history, n);
                double reported = f.noisy(params, seed, n);
                if (reported < bestReported) {
                    bestReported = reported;
                    bestExact = f.exact(params);
                }
                history.add(Trial.running(n, params, space, Instant.EPOCH).complete(reported, Instant.EPOCH));
            }
            regrets.add(bestExact - f.minimum());
        }
        return regrets;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    private static Map<String, List<Double>> readOptuna(Path file) throws IOException {
        Map<String, List<Double>> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 4 && p[0].equals("RESULT")) {
                out.computeIfAbsent(p[1], k -> new ArrayList<>()).add(Double.parseDouble(p[3]));
            }
        }
        return out;
    }
}
