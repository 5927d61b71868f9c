package io.runvault.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Per-epoch series of a training run, as in {@code train_history.json}: {@code epochs} numbers the
 * rows (1, 2, ... or the epochs a resumed run did), and each series has one value per epoch, NaN
 * where there is none (e.g. an epoch without validation). Series names are identifiers and follow
 * the convention {@code train_loss}, {@code val_loss}, {@code train_<metric>}, {@code val_<metric>};
 * {@code selectionMetric} (e.g. {@code auc}) names the metric the best checkpoint is chosen by,
 * so {@code val_<selectionMetric>} should be present. Arrays are copied on the way in and out.
 */
public record TrainingHistory(int[] epochs, Map<String, double[]> series, String selectionMetric) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    public TrainingHistory {
        epochs = Objects.requireNonNull(epochs, "epochs").clone();
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(selectionMetric, "selectionMetric");
        if (!NAME.matcher(selectionMetric).matches()) {
            throw new IllegalArgumentException("selection metric must be an identifier: " + selectionMetric);
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            String name = e.getKey();
            if (name == null || !NAME.matcher(name).matches() || name.equals("epoch")) {
                throw new IllegalArgumentException("series name must be an identifier other than 'epoch': " + name);
            }
            double[] values = Objects.requireNonNull(e.getValue(), name);
            if (values.length != epochs.length) {
                throw new IllegalArgumentException("series " + name + " has " + values.length + " values for "
                        + epochs.length + " epochs");
            }
            copy.put(name, values.clone());
        }
        series = Collections.unmodifiableMap(copy);
    }

    /** Epochs 1..n of the given series (n = their common length). */
    public static TrainingHistory of(String selectionMetric, Map<String, double[]> series) {
        int n = series.values().stream().findFirst().map(v -> v.length).orElse(0);
        int[] epochs = new int[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        return new TrainingHistory(epochs, series, selectionMetric);
    }

    @Override
    public int[] epochs() {
        return epochs.clone();
    }

    /** The series (read-only map of copies on each call). */
    @Override
    public Map<String, double[]> series() {
        Map<String, double[]> out = new LinkedHashMap<>();
        series.forEach((k, v) -> out.put(k, v.clone()));
        return Collections.unmodifiableMap(out);
    }

    public int size() {
        return epochs.length;
    }

    /** One series (a copy), or null when absent. */
    public double[] get(String name) {
        double[] v = series.get(name);
        return v == null ? null : v.clone();
    }

    /** True when the selection metric is better higher (anything but a loss or an error). */
    public boolean higherIsBetter() {
        String m = selectionMetric.toLowerCase(java.util.Locale.ROOT);
        return !(m.contains("loss") || m.contains("error") || m.startsWith("mse") || m.startsWith("mae"));
    }

    /** The index of the best epoch by {@code val_<selectionMetric>}, or -1 when it has no finite value. */
    public int bestIndex() {
        double[] v = series.get("val_" + selectionMetric);
        int best = -1;
        if (v != null) {
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && (best < 0 || (higherIsBetter() ? v[i] > v[best] : v[i] < v[best]))) {
                    best = i;
                }
            }
        }
        return best;
    }

    /**
     * The arrays of {@code training_curves.npz}: {@code epoch} then every series, all float64 vectors.
     */
    public Map<String, NpyArray> toNpz() {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        double[] e = new double[epochs.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = epochs[i];
        }
        out.put("epoch", NpyArray.ofDoubles(e));
        series.forEach((k, v) -> out.put(k, NpyArray.ofDoubles(v)));
        return out;
    }
}
