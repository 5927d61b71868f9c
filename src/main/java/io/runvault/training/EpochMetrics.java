package io.runvault.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured. Training loss and accuracy are averaged over the epoch's steps in
 * training mode (with augmentation and dropout); validation ones come from a pass in inference mode
 * after the epoch.
 *
 * @param epoch 1-based epoch number
 * @param learningRate the learning rate used during the epoch
 * @param seconds wall time of the epoch, training and validation
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double valLoss,
        double valAccuracy,
        double valAuc,
        double valMacroF1,
        double learningRate,
        double seconds) {

    /** Metric names as users and reports call them, in a fixed order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", trainLoss);
        m.put("train_accuracy", trainAccuracy);
        m.put("val_loss", valLoss);
        m.put("val_accuracy", valAccuracy);
        m.put("val_auc", valAuc);
        m.put("val_macro_f1", valMacroF1);
        m.put("learning_rate", learningRate);
        m.put("epoch_seconds", seconds);
        return m;
    }

    /** The value of {@code metric} in this epoch. */
    public double metric(SelectionMetric metric) {
        return metric(metric.externalName());
    }

    /** The value of a selection metric ({@code val_auc}, {@code val_accuracy}, {@code val_macro_f1}). */
    public double metric(String name) {
        return switch (name) {
            case "val_auc" -> valAuc;
            case "val_accuracy" -> valAccuracy;
            case "val_macro_f1" -> valMacroF1;
            case "val_loss" -> valLoss;
            default -> throw new IllegalArgumentException("unknown metric '" + name + "'");
        };
    }
}
