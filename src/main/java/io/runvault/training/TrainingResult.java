package io.runvault.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param spec what was trained
 * @param history the metrics of every epoch, including those before a resume
 * @param bestEpoch the epoch chosen by {@code spec.selectionMetric()}
 * @param earlyStopped whether the patience ran out before {@code spec.epochs()}
 * @param resumedFrom the checkpoint epoch the run resumed from (0 for a fresh run)
 * @param validation the best epoch's model evaluated on the validation set
 * @param classNames the class names, indexed by label
 * @param parameterCount trainable parameters
 * @param bestParameters the best epoch's parameters (DJL encoding; load with {@link Trainer#evaluate})
 * @param timings wall-clock times
 * @param device the device trained on ({@code cpu()}, {@code gpu(0)})
 */
public record TrainingResult(
        TrainingSpec spec,
        List<EpochMetrics> history,
        int bestEpoch,
        boolean earlyStopped,
        int resumedFrom,
        Evaluation validation,
        List<String> classNames,
        long parameterCount,
        byte[] bestParameters,
        Timings timings,
        String device) {

    /**
     * Wall-clock times in seconds.
     *
     * @param setup engine, model and optimiser preparation
     * @param epochs the epochs trained in this call (not the ones before a resume)
     * @param total the whole call
     */
    public record Timings(double setup, List<Double> epochs, double total) {
        public double meanEpoch() {
            return epochs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /** The best epoch's metrics. */
    public EpochMetrics best() {
        return history.get(bestEpoch - 1);
    }

    /**
     * Final values as a run records them: the best epoch's training and validation metrics,
     * {@code best_epoch}, {@code epochs_trained} and {@code parameter_count}.
     */
    public Map<String, Double> finalMetrics() {
        EpochMetrics b = best();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", b.trainLoss());
        m.put("train_accuracy", b.trainAccuracy());
        m.putAll(validation.metrics("val_"));
        m.put("best_epoch", (double) bestEpoch);
        m.put("epochs_trained", (double) history.size());
        m.put("parameter_count", (double) parameterCount);
        return m;
    }

    /** Per-epoch series ({@code train_loss}, {@code val_auc}, ...), each as long as the history. */
    public Map<String, double[]> series() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            for (Map.Entry<String, Double> e : history.get(i).asMap().entrySet()) {
                out.computeIfAbsent(e.getKey(), k -> new double[history.size()])[i] = e.getValue();
            }
        }
        return out;
    }
}
