package io.runvault.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The folds of a cross-validation and, for every metric all folds report, its mean and sample
 * standard deviation (n - 1, as pandas' {@code std()} in the users' notebooks) over the folds.
 */
public record CrossValidationSummary(List<Fold> folds, Map<String, Stat> stats) {

    /** One fold's child run. */
    public record Fold(int fold, String runId, int trainSize, int valSize, Map<String, Double> metrics) {
    }

    /** A metric over the folds. */
    public record Stat(double mean, double std, double min, double max, List<Double> values) {
    }

    public static CrossValidationSummary of(List<Fold> folds) {
        TreeSet<String> names = new TreeSet<>();
        folds.forEach(f -> names.addAll(f.metrics().keySet()));
        Map<String, Stat> stats = new LinkedHashMap<>();
        for (String name : names) {
            List<Double> values = new ArrayList<>();
            for (Fold f : folds) {
                Double v = f.metrics().get(name);
                if (v != null && Double.isFinite(v)) {
                    values.add(v);
                }
            }
            if (values.size() == folds.size() && !values.isEmpty()) {
                stats.put(name, stat(values));
            }
        }
        return new CrossValidationSummary(List.copyOf(folds), stats);
    }

    static Stat stat(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double std = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
        return new Stat(mean, std, values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), List.copyOf(values));
    }
}
