package io.runvault.evaluation;

import io.runvault.datasets.LabelledImages;

/** A nearest-centroid classifier fitted on clean images: softmax of minus the squared distances. */
final class CentroidClassifier implements Classifier {

    private final double[][] centroids;
    private final int size;
    int calls;

    CentroidClassifier(LabelledImages train) {
        size = train.imageSize();
        centroids = new double[train.numClasses()][size];
        int[] counts = train.classCounts();
        float[] pixels = train.copyOfPixels();
        for (int i = 0; i < train.size(); i++) {
            for (int p = 0; p < size; p++) {
                centroids[train.labels()[i]][p] += pixels[i * size + p] / (double) counts[train.labels()[i]];
            }
        }
    }

    @Override
    public float[][] classify(float[] pixels, int[] shape) {
        calls++;
        int n = shape[0];
        float[][] out = new float[n][centroids.length];
        for (int i = 0; i < n; i++) {
            double[] d = new double[centroids.length];
            double min = Double.MAX_VALUE;
            for (int c = 0; c < centroids.length; c++) {
                for (int p = 0; p < size; p++) {
                    double diff = pixels[i * size + p] - centroids[c][p];
                    d[c] += diff * diff;
                }
                min = Math.min(min, d[c]);
            }
            double sum = 0;
            for (int c = 0; c < centroids.length; c++) {
                d[c] = Math.exp(-(d[c] - min) / 4);
                sum += d[c];
            }
            for (int c = 0; c < centroids.length; c++) {
                out[i][c] = (float) (d[c] / sum);
            }
        }
        return out;
    }
}
