package io.runvault.studies;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses the parameters of the next trial from the study's history.
 *
 * <p>Samplers are deterministic: the randomness for trial {@code number} comes from a generator
 * derived from the sampler's seed and that number alone, so the same history always gives the same
 * parameters, whichever order parallel trials were asked in.
 */
public interface Sampler {

    /**
     * External parameter values (search-space order) for trial {@code number}.
     *
     * @param trials every trial of the study so far, in any state
     */
    Map<String, Object> sample(SearchSpace space, Direction direction, List<Trial> trials, int number);

    /** The generator for one trial: a mix of the sampler's seed and the trial number. */
    static SplittableRandom randomFor(long seed, int number) {
        long mixed = new SplittableRandom(seed).nextLong() ^ (0x9E3779B97F4A7C15L * (number + 1L));
        return new SplittableRandom(mixed);
    }
}
