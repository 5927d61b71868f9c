package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Writes {@code reports/training_summary.xlsx} through the streaming {@link WorkbookWriter}: only
 * {@value #WINDOW} rows per sheet are in memory at a time, so 60,000+ prediction rows take bounded
 * memory. Sheets:
 * <ul>
 * <li>{@code summary}: section, key, value rows (hyperparameters, metrics, timings, environment,
 *     and an evaluation section from the classification report);</li>
 * <li>{@code epochs}: one row per epoch, one column per series (empty where NaN);</li>
 * <li>{@code per_class}: class, precision, recall, f1-score, support, roc_auc, then accuracy,
 *     macro avg and weighted avg rows as in sklearn's classification report;</li>
 * <li>{@code confusion_matrix}: true classes down, predicted classes across;</li>
 * <li>{@code val_predictions}: index, true_label, true_class, predicted_label, predicted_class,
 *     correct, then prob_&lt;class&gt; per class.</li>
 * </ul>
 * Numbers are numeric cells; every header row is bold and frozen.
 */
public final class TrainingSummaryWorkbook {

    /** Rows per sheet kept in memory while writing. */
    public static final int WINDOW = WorkbookWriter.WINDOW;

    public static final List<String> SHEETS = List.of("summary", "epochs", "per_class", "confusion_matrix", "val_predictions");

    private TrainingSummaryWorkbook() {
    }

    public static void write(TrainingSummary summary, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(summary, out);
        }
    }

    /** Writes the workbook onto the stream (not closed). */
    public static void write(TrainingSummary summary, OutputStream out) throws IOException {
        try (WorkbookWriter w = new WorkbookWriter()) {
            summarySheet(w, summary);
            epochsSheet(w, summary.history());
            perClassSheet(w, summary.report());
            confusionSheet(w, summary.report());
            predictionsSheet(w, summary.predictions());
            w.write(out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void summarySheet(WorkbookWriter w, TrainingSummary s) {
        Sheet sheet = w.sheet("summary", List.of("section", "key", "value"), 0);
        int r = 1;
        int keyWidth = 3;
        int valueWidth = 5;
        ClassificationReport rep = s.report();
        Map<String, Object> evaluation = new java.util.LinkedHashMap<>();
        evaluation.put("samples", rep.total());
        evaluation.put("accuracy", rep.accuracy());
        evaluation.put("macro_precision", rep.macroAvg().precision());
        evaluation.put("macro_recall", rep.macroAvg().recall());
        evaluation.put("macro_f1", rep.macroAvg().f1());
        evaluation.put("weighted_f1", rep.weightedAvg().f1());
        evaluation.put("macro_roc_auc_ovr", rep.macroRocAuc());
        Object[][] sections = {
            {"hyperparameters", s.hyperparameters()}, {"metrics", s.finalMetrics()}, {"timings", s.timings()},
            {"environment", s.environment()}, {"evaluation", evaluation}};
        for (Object[] section : sections) {
            for (Map.Entry<String, ?> e : ((Map<String, ?>) section[1]).entrySet()) {
                Row row = sheet.createRow(r++);
                w.text(row, 0, (String) section[0]);
                w.text(row, 1, e.getKey());
                w.value(row, 2, e.getValue());
                keyWidth = Math.max(keyWidth, e.getKey().length());
                valueWidth = Math.max(valueWidth, String.valueOf(e.getValue()).length());
            }
        }
        w.width(sheet, 0, "hyperparameters".length());
        w.width(sheet, 1, keyWidth);
        w.width(sheet, 2, valueWidth);
    }

    private static void epochsSheet(WorkbookWriter w, TrainingHistory h) {
        Map<String, double[]> series = h.series();
        List<String> names = new java.util.ArrayList<>();
        names.add("epoch");
        names.addAll(series.keySet());
        Sheet sheet = w.sheet("epochs", names, 1);
        int[] epochs = h.epochs();
        for (int i = 0; i < epochs.length; i++) {
            Row row = sheet.createRow(i + 1);
            w.general(row, 0, epochs[i]);
            int c = 1;
            for (double[] v : series.values()) {
                w.decimal(row, c++, v[i]);
            }
        }
    }

    private static void perClassSheet(WorkbookWriter w, ClassificationReport rep) {
        Sheet sheet = w.sheet("per_class", List.of("class", "precision", "recall", "f1-score", "support", "roc_auc"), 1);
        int r = 1;
        int nameWidth = "weighted avg".length();
        for (ClassificationReport.ClassMetrics m : rep.perClass()) {
            w.classMetrics(sheet.createRow(r++), m);
            nameWidth = Math.max(nameWidth, m.name().length());
        }
        Row acc = sheet.createRow(r++);
        w.bold(acc, 0, "accuracy");
        w.boldDecimal(acc, 3, rep.accuracy());
        w.integer(acc, 4, rep.total());
        Row macro = sheet.createRow(r++);
        w.bold(macro, 0, "macro avg");
        average(w, macro, rep.macroAvg());
        w.boldDecimal(macro, 5, rep.macroRocAuc());
        Row weighted = sheet.createRow(r);
        w.bold(weighted, 0, "weighted avg");
        average(w, weighted, rep.weightedAvg());
        w.width(sheet, 0, nameWidth);
        for (int c = 1; c <= 5; c++) {
            w.width(sheet, c, 10);
        }
    }

    private static void average(WorkbookWriter w, Row row, ClassificationReport.Average a) {
        w.boldDecimal(row, 1, a.precision());
        w.boldDecimal(row, 2, a.recall());
        w.boldDecimal(row, 3, a.f1());
        w.integer(row, 4, a.support());
    }

    private static void confusionSheet(WorkbookWriter w, ClassificationReport rep) {
        List<String> names = rep.classNames();
        List<String> head = new java.util.ArrayList<>();
        head.add("true \\ predicted");
        head.addAll(names);
        Sheet sheet = w.sheet("confusion_matrix", head, 1);
        long[][] m = rep.confusionMatrix();
        int nameWidth = head.get(0).length();
        for (int t = 0; t < names.size(); t++) {
            Row row = sheet.createRow(t + 1);
            w.bold(row, 0, names.get(t));
            for (int p = 0; p < names.size(); p++) {
                w.general(row, p + 1, m[t][p]);
            }
            nameWidth = Math.max(nameWidth, names.get(t).length());
        }
        w.width(sheet, 0, nameWidth);
    }

    private static void predictionsSheet(WorkbookWriter w, Predictions p) {
        List<String> names = p.classNames();
        List<String> head = new java.util.ArrayList<>(List.of("index", "true_label", "true_class", "predicted_label",
                "predicted_class", "correct"));
        for (String n : names) {
            head.add("prob_" + n);
        }
        Sheet sheet = w.sheet("val_predictions", head, 1);
        int nameWidth = "true_class".length();
        for (String n : names) {
            nameWidth = Math.max(nameWidth, n.length());
        }
        int k = names.size();
        for (int i = 0; i < p.size(); i++) {
            Row row = sheet.createRow(i + 1);
            int t = p.trueLabel(i);
            int y = p.predicted(i);
            w.general(row, 0, i);
            w.general(row, 1, t);
            w.text(row, 2, names.get(t));
            w.general(row, 3, y);
            w.text(row, 4, names.get(y));
            w.bool(row, 5, t == y);
            for (int c = 0; c < k; c++) {
                w.decimal(row, 6 + c, p.probability(i, c));
            }
        }
        w.width(sheet, 2, nameWidth);
        w.width(sheet, 4, Math.max(nameWidth, "predicted_class".length()));
    }
}
