package io.runvault.training;

import io.runvault.datasets.LabelledImages;
import java.util.List;
import java.util.SplittableRandom;

/** Small synthetic image sets: bars of three orientations on a noisy 12x12 background. */
final class TinyImages {

    static final int SIZE = 12;

    private TinyImages() {}

    static LabelledImages make(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] px = new float[n * SIZE * SIZE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels[i] = label;
            int offset = random.nextInt(2, SIZE - 2);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    boolean on = switch (label) {
                        case 0 -> y == offset;
                        case 1 -> x == offset;
                        default -> x == y;
                    };
                    float v = (on ? 0.9f : 0.1f) + (float) random.nextGaussian() * 0.05f;
                    px[i * SIZE * SIZE + y * SIZE + x] = Math.max(0, Math.min(1, v));
                }
            }
        }
        return new LabelledImages(px, labels, 1, SIZE, SIZE, List.of("horizontal", "vertical", "diagonal"));
    }
}
