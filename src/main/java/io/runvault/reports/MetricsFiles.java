package io.runvault.reports;

import io.runvault.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The machine-readable metrics of a training run, in the layout users' pipelines write and their
 * report tooling reads: {@code metrics/val_metrics.csv} ({@code metric,value}),
 * {@code metrics/val_metrics.json}, {@code metrics/train_history.json} (one array per series plus
 * {@code epoch}) and {@code metrics/val_predictions.csv} (sample, true and predicted label, one
 * probability column per class).
 */
public final class MetricsFiles {

    private MetricsFiles() {
    }

    /** Writes the four files; returns their relative paths. Non-finite values become JSON null / empty cells. */
    public static List<String> write(Path runDir, Map<String, Double> validationMetrics, TrainingHistory history,
                                     Predictions predictions) throws IOException {
        Path dir = runDir.resolve("metrics");
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();

        try (Writer out = Files.newBufferedWriter(dir.resolve("val_metrics.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("metric", "value").get())) {
            for (Map.Entry<String, Double> e : validationMetrics.entrySet()) {
                csv.printRecord(e.getKey(), number(e.getValue()));
            }
        }
        written.add("metrics/val_metrics.csv");

        Map<String, Object> json = new LinkedHashMap<>();
        validationMetrics.forEach((k, v) -> json.put(k, finite(v)));
        json.put("samples", predictions.size());
        Json.PRETTY.writeValue(dir.resolve("val_metrics.json").toFile(), json);
        written.add("metrics/val_metrics.json");

        Map<String, Object> curves = new LinkedHashMap<>();
        curves.put("epoch", history.epochs());
        history.series().forEach((name, values) -> {
            List<Double> list = new ArrayList<>(values.length);
            for (double v : values) {
                list.add(finite(v));
            }
            curves.put(name, list);
        });
        curves.put("selection_metric", "val_" + history.selectionMetric());
        Json.PRETTY.writeValue(dir.resolve("train_history.json").toFile(), curves);
        written.add("metrics/train_history.json");

        List<String> header = new ArrayList<>(List.of("sample", "true_label", "predicted_label", "correct"));
        for (String name : predictions.classNames()) {
            header.add("prob_" + name);
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("val_predictions.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            List<String> names = predictions.classNames();
            List<Object> row = new ArrayList<>(header.size());
            for (int i = 0; i < predictions.size(); i++) {
                row.clear();
                int truth = predictions.trueLabel(i);
                int predicted = predictions.predicted(i);
                row.add(i);
                row.add(names.get(truth));
                row.add(names.get(predicted));
                row.add(truth == predicted);
                for (int c = 0; c < names.size(); c++) {
                    row.add(number(predictions.probability(i, c)));
                }
                csv.printRecord(row);
            }
        }
        written.add("metrics/val_predictions.csv");
        return written;
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** Shortest round-trip text of a double, empty when not finite (as pandas writes NaN). */
    private static String number(Double v) {
        return v == null || !Double.isFinite(v) ? "" : String.format(Locale.ROOT, "%s", v);
    }
}
