package io.runvault.evaluation;

import io.runvault.datasets.LabelledImages;
import java.util.List;
import java.util.SplittableRandom;

/** Small textured image sets built in the test: a gradient, a bright shape per class, some noise. */
final class TestImages {

    static final List<String> CLASSES = List.of("square", "bar", "cross");

    private TestImages() {
    }

    static LabelledImages make(int n, int channels, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int plane = size * size;
        float[] px = new float[n * channels * plane];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % CLASSES.size();
            labels[i] = label;
            int cx = random.nextInt(size / 3, 2 * size / 3);
            int cy = random.nextInt(size / 3, 2 * size / 3);
            for (int ch = 0; ch < channels; ch++) {
                double tint = 0.7 + 0.1 * ch;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        boolean on = switch (label) {
                            case 0 -> Math.abs(x - cx) < size / 5 && Math.abs(y - cy) < size / 5;
                            case 1 -> Math.abs(x - cx) < size / 8;
                            default -> Math.abs(x - cx) < size / 10 || Math.abs(y - cy) < size / 10;
                        };
                        double v = 0.15 + 0.25 * x / size + (on ? tint * 0.6 : 0) + random.nextGaussian() * 0.03;
                        px[(i * channels + ch) * plane + y * size + x] = (float) Math.max(0, Math.min(1, v));
                    }
                }
            }
        }
        return new LabelledImages(px, labels, channels, size, size, CLASSES);
    }
}
