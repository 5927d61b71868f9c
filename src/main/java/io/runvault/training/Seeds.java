package io.runvault.training;

import java.util.SplittableRandom;

/**
 * The random streams of a training, each fixed by (seed, epoch) alone so that a resumed run draws
 * what the uninterrupted one would have.
 */
final class Seeds {

    private Seeds() {}

    /** SplitMix64 finaliser over (a, b): well-spread, fixed seeds for each (seed, epoch) pair. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** PyTorch's generator seed for an epoch (0: weight initialisation). */
    static int engineSeed(long seed, int epoch) {
        return (int) (mix(seed, 1_000_003L * epoch + 17) & 0x7fffffff);
    }

    /** The seed of an epoch's shuffle order. */
    static long shuffleSeed(long seed, int epoch) {
        return mix(seed, epoch);
    }

    /** The seed of an epoch's augmentation draws. */
    static long augmentationSeed(long seed, int epoch) {
        return mix(shuffleSeed(seed, epoch), 0xA11);
    }

    /** A Fisher-Yates shuffle of 0..n-1. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
