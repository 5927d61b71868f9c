package io.runvault.evaluation;

import io.runvault.datasets.LabelledImages;
import io.runvault.reports.ClassificationReport;
import io.runvault.reports.ConfusionMatrixFigure;
import io.runvault.reports.Predictions;
import io.runvault.reports.ReportFiles;
import io.runvault.reports.SampleGridFigure;
import io.runvault.reports.SampleImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an evaluate run's outputs (a model scored on a labelled test set) under a run directory,
 * each through a temporary file renamed into place:
 * <pre>
 * metrics/test_summary.csv       metric,value (samples, accuracy, balanced_accuracy, macro and weighted averages, auc_ovr)
 * metrics/confusion_matrix.csv   true class down, predicted class across
 * metrics/test_predictions.csv   index, true_label, true_class, predicted_label, predicted_class, correct, prob_&lt;class&gt;...
 * metrics/test_metrics.json      the summary, bootstrap 95 % intervals, per-class rows and the confusion matrix
 * figures/confusion_matrix.png   figures/prediction_grid.png (when the images are given)
 * reports/classification_report.txt
 * </pre>
 * The metrics are {@link ClassificationReport}'s (scikit-learn's conventions).
 */
public final class EvaluationReports {

    /** Images in the prediction grid, of which up to half are mistakes when the model makes any. */
    public static final int GRID_IMAGES = 16;

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private EvaluationReports() {
    }

    /** Writes the suite with {@value Bootstrap#DEFAULT_RESAMPLES} bootstrap resamples. */
    public static List<String> writeSuite(Path runDir, Predictions predictions, LabelledImages images, long seed)
            throws IOException {
        return writeSuite(runDir, predictions, images, seed, Bootstrap.DEFAULT_RESAMPLES);
    }

    /**
     * Writes the suite. {@code images} (may be null: no prediction grid) must be the scored
     * samples in the same order; {@code seed} fixes the bootstrap and the grid's picks.
     * Returns the relative paths written, in the order above.
     */
    public static List<String> writeSuite(Path runDir, Predictions predictions, LabelledImages images, long seed,
            int resamples) throws IOException {
        if (images != null && (!Arrays.equals(images.labels(), predictions.trueLabels())
                || !images.classNames().equals(predictions.classNames()))) {
            throw new IllegalArgumentException("the images are not the scored samples (labels or classes differ)");
        }
        ClassificationReport report = ClassificationReport.of(predictions);
        ModelMetrics intervals = ModelComparison.compare(List.of(new ComparedModel("model", predictions)), seed, resamples)
                .models().get(0);
        ReportFiles files = new ReportFiles(runDir);
        files.write("metrics/test_summary.csv", out -> csv(out, csv -> {
            csv.printRecord("metric", "value");
            for (Map.Entry<String, Double> e : summary(report).entrySet()) {
                csv.printRecord(e.getKey(), e.getKey().equals("samples") ? Long.toString(e.getValue().longValue())
                        : CsvNumbers.text(e.getValue()));
            }
        }));
        files.write("metrics/confusion_matrix.csv", out -> csv(out, csv -> {
            List<String> head = new ArrayList<>();
            head.add("true\\predicted");
            head.addAll(report.classNames());
            csv.printRecord(head);
            long[][] m = report.confusionMatrix();
            for (int t = 0; t < m.length; t++) {
                List<Object> row = new ArrayList<>();
                row.add(report.classNames().get(t));
                for (long v : m[t]) {
                    row.add(v);
                }
                csv.printRecord(row);
            }
        }));
        files.write("metrics/test_predictions.csv", out -> csv(out, csv -> {
            List<String> names = predictions.classNames();
            List<String> head = new ArrayList<>(List.of("index", "true_label", "true_class", "predicted_label",
                    "predicted_class", "correct"));
            names.forEach(n -> head.add("prob_" + n));
            csv.printRecord(head);
            List<String> row = new ArrayList<>(head.size());
            for (int i = 0; i < predictions.size(); i++) {
                row.clear();
                int t = predictions.trueLabel(i);
                int y = predictions.predicted(i);
                row.add(Integer.toString(i));
                row.add(Integer.toString(t));
                row.add(names.get(t));
                row.add(Integer.toString(y));
                row.add(names.get(y));
                row.add(t == y ? "true" : "false");
                for (int c = 0; c < names.size(); c++) {
                    row.add(CsvNumbers.text(predictions.probability(i, c)));
                }
                csv.printRecord(row);
            }
        }));
        files.write("metrics/test_metrics.json", out -> JsonNumbers.write(json(report, intervals, seed, resamples), out));
        files.write("figures/confusion_matrix.png", out -> ConfusionMatrixFigure.writePng(report, out));
        if (images != null && images.size() > 0 && (images.channels() == 1 || images.channels() == 3)) {
            List<SampleImage> grid = grid(predictions, images, seed);
            files.write("figures/prediction_grid.png", out -> SampleGridFigure.writePng(grid,
                    String.format(java.util.Locale.ROOT, "Test predictions (accuracy %.4f)", report.accuracy()), out));
        }
        files.write("reports/classification_report.txt",
                out -> out.write(report.toText().getBytes(StandardCharsets.UTF_8)));
        return files.written();
    }

    private interface Rows {
        void print(CSVPrinter csv) throws IOException;
    }

    private static void csv(OutputStream out, Rows rows) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSV);
        rows.print(csv);
        csv.flush();
    }

    /** The rows of test_summary.csv. */
    static Map<String, Double> summary(ClassificationReport r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("samples", (double) r.total());
        m.put("accuracy", r.accuracy());
        m.put("balanced_accuracy", r.macroAvg().recall());
        m.put("macro_precision", r.macroAvg().precision());
        m.put("macro_recall", r.macroAvg().recall());
        m.put("macro_f1", r.macroAvg().f1());
        m.put("weighted_precision", r.weightedAvg().precision());
        m.put("weighted_recall", r.weightedAvg().recall());
        m.put("weighted_f1", r.weightedAvg().f1());
        m.put("auc_ovr", r.macroRocAuc());
        return m;
    }

    private static Map<String, Object> json(ClassificationReport r, ModelMetrics intervals, long seed, int resamples) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("metrics", summary(r));
        Map<String, Object> cis = new LinkedHashMap<>();
        cis.put("method", "bootstrap percentile");
        cis.put("level", ModelComparison.LEVEL);
        cis.put("resamples", resamples);
        cis.put("seed", seed);
        intervals.metrics().forEach((k, ci) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", ci.estimate());
            v.put("lower", ci.lower());
            v.put("upper", ci.upper());
            cis.put(k, v);
        });
        doc.put("intervals", cis);
        List<Object> perClass = new ArrayList<>();
        for (ClassificationReport.ClassMetrics c : r.perClass()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", c.name());
            row.put("precision", c.precision());
            row.put("recall", c.recall());
            row.put("f1", c.f1());
            row.put("support", c.support());
            row.put("roc_auc", c.rocAuc());
            perClass.add(row);
        }
        doc.put("per_class", perClass);
        doc.put("class_names", r.classNames());
        doc.put("confusion_matrix", Arrays.stream(r.confusionMatrix()).map(row -> Arrays.stream(row).boxed().toList()).toList());
        return doc;
    }

    /**
     * The grid's images: a seeded shuffle of the test set, from which up to half the grid are
     * mistakes (when the model makes any) and the rest right answers, shown in test-set order.
     */
    static List<SampleImage> grid(Predictions p, LabelledImages images, long seed) {
        int n = p.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int size = Math.min(GRID_IMAGES, n);
        TreeSet<Integer> picks = new TreeSet<>();
        for (int i : order) {
            if (picks.size() < size / 2 && p.predicted(i) != p.trueLabel(i)) {
                picks.add(i);
            }
        }
        for (int i : order) {
            if (picks.size() >= size) {
                break;
            }
            if (p.predicted(i) == p.trueLabel(i)) {
                picks.add(i);
            }
        }
        for (int i : order) { // fewer right answers than places: more mistakes
            if (picks.size() >= size) {
                break;
            }
            picks.add(i);
        }
        List<SampleImage> out = new ArrayList<>();
        for (int i : picks) {
            out.add(SampleImage.predicted(images.channels(), images.height(), images.width(), images.pixels(i, 1),
                    p.classNames().get(p.trueLabel(i)), p.classNames().get(p.predicted(i))));
        }
        return out;
    }
}
