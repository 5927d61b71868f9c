package io.runvault.reports;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Realistic Fashion-MNIST-shaped inputs for the report writers, built in the test. */
final class FashionFixtures {

    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Classes a Fashion-MNIST model confuses, per true class (index into CLASSES). */
    private static final int[][] CONFUSED = {{6, 3, 2}, {3}, {4, 6, 0}, {0, 4, 6}, {2, 6, 3}, {7, 9}, {0, 2, 4},
        {9, 5}, {0, 6}, {7, 5}};

    private FashionFixtures() {
    }

    /** n samples (n/10 per class), about 91 % right, mistakes mostly between similar classes. */
    static Predictions predictions(int n, long seed) {
        Random rnd = new Random(seed);
        int k = CLASSES.size();
        int[] labels = new int[n];
        double[] probs = new double[n * k];
        for (int i = 0; i < n; i++) {
            int t = i % k;
            labels[i] = t;
            double accuracy = t == 6 ? 0.72 : t == 2 || t == 4 ? 0.86 : 0.95;
            int p = t;
            if (rnd.nextDouble() > accuracy) {
                p = rnd.nextDouble() < 0.85 ? CONFUSED[t][rnd.nextInt(CONFUSED[t].length)] : rnd.nextInt(k);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = rnd.nextDouble() * 0.05;
                if (c == p) {
                    v += 0.55 + rnd.nextDouble() * 0.4;
                } else if (c == t) {
                    v += rnd.nextDouble() * 0.35;
                }
                probs[i * k + c] = v;
                sum += v;
            }
            for (int c = 0; c < k; c++) {
                probs[i * k + c] /= sum;
            }
        }
        return new Predictions(CLASSES, labels, probs);
    }

    /** 20 epochs of a run selected by val AUC; no val value at epoch 5 (a skipped validation). */
    static TrainingHistory history() {
        int n = 20;
        double[] trainLoss = new double[n];
        double[] valLoss = new double[n];
        double[] trainAuc = new double[n];
        double[] valAuc = new double[n];
        double[] valAcc = new double[n];
        double[] lr = new double[n];
        for (int e = 0; e < n; e++) {
            trainLoss[e] = 0.22 + 0.75 * Math.exp(-e / 3.5);
            valLoss[e] = 0.29 + 0.6 * Math.exp(-e / 3.0) + (e > 12 ? 0.006 * (e - 12) : 0) + 0.01 * Math.sin(e * 1.7);
            trainAuc[e] = 0.995 - 0.09 * Math.exp(-e / 3.0);
            valAuc[e] = 0.991 - 0.1 * Math.exp(-e / 2.6) - (e > 14 ? 0.0007 * (e - 14) : 0) + 0.0015 * Math.sin(e * 2.3);
            valAcc[e] = 0.915 - 0.2 * Math.exp(-e / 3.0);
            lr[e] = 0.001 * Math.pow(0.9, e);
        }
        valLoss[4] = Double.NaN;
        valAuc[4] = Double.NaN;
        valAcc[4] = Double.NaN;
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("train_loss", trainLoss);
        s.put("val_loss", valLoss);
        s.put("train_auc", trainAuc);
        s.put("val_auc", valAuc);
        s.put("val_accuracy", valAcc);
        s.put("lr", lr);
        return TrainingHistory.of("auc", s);
    }

    /**
     * 12 grayscale 28 x 28 images with labels: the first of Debian's Fashion-MNIST test set when
     * installed (dataset-fashion-mnist), else drawn shapes.
     */
    static List<SampleImage> images(int n) throws IOException {
        Path images = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
        Path labels = Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz");
        List<SampleImage> out = new ArrayList<>();
        if (Files.isReadable(images) && Files.isReadable(labels)) {
            try (DataInputStream im = new DataInputStream(new GZIPInputStream(Files.newInputStream(images)));
                    InputStream lb = new GZIPInputStream(Files.newInputStream(labels))) {
                im.readInt();
                im.readInt();
                int rows = im.readInt();
                int cols = im.readInt();
                lb.readNBytes(8);
                for (int i = 0; i < n; i++) {
                    byte[] px = im.readNBytes(rows * cols);
                    float[] chw = new float[px.length];
                    for (int j = 0; j < px.length; j++) {
                        chw[j] = (px[j] & 0xFF) / 255f;
                    }
                    out.add(SampleImage.of(1, rows, cols, chw, CLASSES.get(lb.read())));
                }
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            float[] chw = new float[28 * 28];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    double d = Math.hypot(x - 14, y - 14);
                    chw[y * 28 + x] = d < 4 + i ? (float) (1 - d / (5 + i)) : 0f;
                }
            }
            out.add(SampleImage.of(1, 28, 28, chw, CLASSES.get(i % CLASSES.size())));
        }
        return out;
    }
}
