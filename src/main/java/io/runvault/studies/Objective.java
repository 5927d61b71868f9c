package io.runvault.studies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a study optimises: one metric the training reports, and which way. */
public record Objective(String metric, Direction direction) {

    public Objective {
        if (metric == null || metric.isBlank() || direction == null) {
            throw new IllegalArgumentException("an objective needs a metric and a direction");
        }
    }

    /**
     * Reads {@code {"metric": "val_auc", "direction": "maximize"}}; the metric must be one of
     * {@code knownMetrics} (the metrics the training reports). Every problem is reported.
     */
    public static Objective parse(Map<String, ?> json, Set<String> knownMetrics) {
        List<FieldError> errors = new ArrayList<>();
        if (json == null) {
            throw new StudySpecException(List.of(new FieldError("objective", "is required")));
        }
        for (String key : json.keySet()) {
            if (!key.equals("metric") && !key.equals("direction")) {
                errors.add(new FieldError("objective." + key, "unknown field (expected metric, direction)"));
            }
        }
        Object metric = json.get("metric");
        if (!(metric instanceof String m) || m.isBlank()) {
            errors.add(new FieldError("objective.metric", "is required (one of " + new TreeSet<>(knownMetrics) + ")"));
        } else if (!knownMetrics.contains(m)) {
            errors.add(new FieldError("objective.metric",
                    "unknown metric '" + m + "' (one of " + new TreeSet<>(knownMetrics) + ")"));
        }
        Object direction = json.get("direction");
        Direction d = null;
        if (!(direction instanceof String s)) {
            errors.add(new FieldError("objective.direction", "is required (maximize or minimize)"));
        } else {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "maximize" -> d = Direction.MAXIMIZE;
                case "minimize" -> d = Direction.MINIMIZE;
                default -> errors.add(new FieldError("objective.direction",
                        "must be maximize or minimize, got '" + s + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new StudySpecException(errors);
        }
        return new Objective((String) metric, d);
    }
}
