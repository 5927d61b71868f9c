package io.runvault.studies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test functions of the sampler benchmark (tests/bench/sampler.sh), written identically in
 * tests/bench/sampler_optuna.py: each with its search space and known minimum, so that results are
 * compared as regret (best value found minus the minimum).
 */
final class BenchmarkFunctions {

    /** One objective to minimise. {@code noisy} is the value a trial reports; {@code exact} the truth. */
    interface Function {
        String name();

        SearchSpace space();

        double minimum();

        double exact(Map<String, Object> params);

        default double noisy(Map<String, Object> params, long seed, int trial) {
            return exact(params);
        }
    }

    private BenchmarkFunctions() {}

    static List<Function> all() {
        return List.of(BRANIN, BRANIN_2X, HARTMANN6, NOISY_QUADRATIC);
    }

    static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    private static double x(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).doubleValue();
    }

    private static SearchSpace space(String[] names, double low, double high) {
        Map<String, Distribution> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, FloatDistribution.uniform(low, high));
        }
        return new SearchSpace(m);
    }

    static final double BRANIN_MIN = 0.39788735772973816;

    static final Function BRANIN = new Function() {
        public String name() {
            return "branin";
        }

        public SearchSpace space() {
            Map<String, Distribution> m = new LinkedHashMap<>();
            m.put("x1", FloatDistribution.uniform(-5, 10));
            m.put("x2", FloatDistribution.uniform(0, 15));
            return new SearchSpace(m);
        }

        public double minimum() {
            return BRANIN_MIN;
        }

        public double exact(Map<String, Object> p) {
            return branin(x(p, "x1"), x(p, "x2"));
        }
    };

    static final Function BRANIN_2X = new Function() {
        public String name() {
            return "branin2x-4d";
        }

        public SearchSpace space() {
            Map<String, Distribution> m = new LinkedHashMap<>();
            m.put("x1", FloatDistribution.uniform(-5, 10));
            m.put("x2", FloatDistribution.uniform(0, 15));
            m.put("x3", FloatDistribution.uniform(-5, 10));
            m.put("x4", FloatDistribution.uniform(0, 15));
            return new SearchSpace(m);
        }

        public double minimum() {
            return 2 * BRANIN_MIN;
        }

        public double exact(Map<String, Object> p) {
            return branin(x(p, "x1"), x(p, "x2")) + branin(x(p, "x3"), x(p, "x4"));
        }
    };

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    private static final String[] H6 = {"x1", "x2", "x3", "x4", "x5", "x6"};

    static final Function HARTMANN6 = new Function() {
        public String name() {
            return "hartmann6";
        }

        public SearchSpace space() {
            return BenchmarkFunctions.space(H6, 0, 1);
        }

        public double minimum() {
            return -3.3223680114155147;
        }

        public double exact(Map<String, Object> p) {
            double f = 0;
            for (int i = 0; i < 4; i++) {
                double s = 0;
                for (int j = 0; j < 6; j++) {
                    double d = x(p, H6[j]) - P[i][j];
                    s += A[i][j] * d * d;
                }
                f -= ALPHA[i] * Math.exp(-s);
            }
            return f;
        }
    };

    private static final String[] Q = {"x1", "x2", "x3"};
    private static final double[] Q_CENTER = {0.5, -1.5, 2.0};
    static final double NOISE_SD = 0.5;

    /** sum (x_i - c_i)^2 on [-5, 5]^3 plus N(0, 0.5^2) noise fixed by (seed, trial number). */
    static final Function NOISY_QUADRATIC = new Function() {
        public String name() {
            return "noisy-quadratic";
        }

        public SearchSpace space() {
            return BenchmarkFunctions.space(Q, -5, 5);
        }

        public double minimum() {
            return 0;
        }

        public double exact(Map<String, Object> p) {
            double f = 0;
            for (int i = 0; i < 3; i++) {
                double d = x(p, Q[i]) - Q_CENTER[i];
                f += d * d;
            }
            return f;
        }

        @Override
        public double noisy(Map<String, Object> p, long seed, int trial) {
            return exact(p) + NOISE_SD * noise(seed, trial);
        }
    };

    /** A standard normal draw fixed by (seed, trial): splitmix64 and Box-Muller, as in the Python script. */
    static double noise(long seed, int trial) {
        long a = splitmix64(seed * 1_000_003L + trial);
        long b = splitmix64(a);
        double u1 = (a >>> 11) * 0x1.0p-53;
        double u2 = (b >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
