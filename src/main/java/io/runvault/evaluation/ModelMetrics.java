package io.runvault.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One model's test metrics, each with its bootstrap percentile interval, keyed as {@link ModelComparison#METRICS}. */
public record ModelMetrics(String model, Map<String, ConfidenceInterval> metrics) {

    public ModelMetrics {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public ConfidenceInterval metric(String name) {
        ConfidenceInterval ci = metrics.get(name);
        if (ci == null) {
            throw new IllegalArgumentException("no metric " + name);
        }
        return ci;
    }
}
