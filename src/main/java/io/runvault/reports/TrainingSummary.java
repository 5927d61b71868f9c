package io.runvault.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code reports/training_summary.xlsx} holds. The four maps are key/value facts for the
 * {@code summary} sheet, in their iteration order: {@code hyperparameters} (e.g. lr, batch_size),
 * {@code finalMetrics} (e.g. val_auc), {@code timings} (e.g. total_seconds) and {@code environment}
 * (e.g. java, djl, device). Values may be numbers (written as numbers), booleans, or anything else
 * (written as its {@code toString()}); null values are written as empty cells. {@code history}
 * fills the {@code epochs} sheet; {@code predictions} and {@code report} fill {@code per_class},
 * {@code confusion_matrix} and {@code val_predictions}.
 */
public record TrainingSummary(Map<String, ?> hyperparameters, Map<String, ?> finalMetrics, Map<String, ?> timings,
        Map<String, ?> environment, TrainingHistory history, Predictions predictions, ClassificationReport report) {

    public TrainingSummary {
        hyperparameters = copy(hyperparameters);
        finalMetrics = copy(finalMetrics);
        timings = copy(timings);
        environment = copy(environment);
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(report, "report");
        if (!report.classNames().equals(predictions.classNames()) || report.total() != predictions.size()) {
            throw new IllegalArgumentException("the report is not of these predictions");
        }
    }

    /** A summary whose classification report is computed from the predictions. */
    public static TrainingSummary of(Map<String, ?> hyperparameters, Map<String, ?> finalMetrics, Map<String, ?> timings,
            Map<String, ?> environment, TrainingHistory history, Predictions predictions) {
        return new TrainingSummary(hyperparameters, finalMetrics, timings, environment, history, predictions,
                ClassificationReport.of(predictions));
    }

    private static Map<String, ?> copy(Map<String, ?> m) {
        if (m == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(Objects.requireNonNull(k, "key"), v));
        return Collections.unmodifiableMap(out);
    }
}
