package io.runvault.studies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Independent uniform draws (log-uniform for log ranges), as Optuna's RandomSampler. */
public final class RandomSampler implements Sampler {

    private final long seed;

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Map<String, Object> sample(SearchSpace space, Direction direction, List<Trial> trials, int number) {
        return sample(space, Sampler.randomFor(seed, number));
    }

    static Map<String, Object> sample(SearchSpace space, SplittableRandom random) {
        Map<String, Object> params = new LinkedHashMap<>();
        space.params().forEach((name, d) -> params.put(name, d.toExternal(draw(d, random))));
        return params;
    }

    /** One draw, as an internal value. */
    static double draw(Distribution d, SplittableRandom random) {
        if (d instanceof FloatDistribution f) {
            if (f.log()) {
                return clamp(Math.exp(uniform(random, Math.log(f.low()), Math.log(f.high()))), f.low(), f.high());
            }
            if (f.step() != null) {
                long n = Math.round((f.high() - f.low()) / f.step()) + 1;
                return clamp(f.low() + f.step() * random.nextLong(n), f.low(), f.high());
            }
            return uniform(random, f.low(), f.high());
        }
        if (d instanceof IntDistribution i) {
            if (i.log()) {
                double s = Math.exp(uniform(random, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5)));
                return clamp(Math.round(s), i.low(), i.high());
            }
            return i.low() + i.step() * random.nextLong((i.high() - i.low()) / i.step() + 1);
        }
        return random.nextInt(((CategoricalDistribution) d).choices().size());
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low == high ? low : low + (high - low) * random.nextDouble();
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }
}
