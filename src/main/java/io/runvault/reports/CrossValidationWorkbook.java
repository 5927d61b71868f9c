package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Writes {@code reports/cv_summary.xlsx}: a {@code summary} sheet (metric, mean, std, min, max; one
 * row per metric) and a {@code folds} sheet (fold, run_id, train_size, val_size, then one column per
 * metric). Written by {@link WorkbookWriter}: numbers are numeric cells; headers are bold and frozen.
 */
public final class CrossValidationWorkbook {

    public static final List<String> SHEETS = List.of("summary", "folds");

    private CrossValidationWorkbook() {
    }

    public static void write(CrossValidationSummary summary, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(summary, out);
        }
    }

    public static void write(CrossValidationSummary summary, OutputStream out) throws IOException {
        try (WorkbookWriter w = new WorkbookWriter()) {
            summarySheet(w, summary);
            foldsSheet(w, summary);
            w.write(out);
        }
    }

    private static void summarySheet(WorkbookWriter w, CrossValidationSummary summary) {
        Sheet s = w.sheet("summary", List.of("metric", "mean", "std", "min", "max"), 0);
        int r = 1;
        for (Map.Entry<String, CrossValidationSummary.Stat> e : summary.stats().entrySet()) {
            Row row = s.createRow(r++);
            w.text(row, 0, e.getKey());
            CrossValidationSummary.Stat st = e.getValue();
            double[] v = {st.mean(), st.std(), st.min(), st.max()};
            for (int c = 0; c < v.length; c++) {
                w.decimal(row, c + 1, v[c]);
            }
        }
        w.width(s, 0, 26);
    }

    private static void foldsSheet(WorkbookWriter w, CrossValidationSummary summary) {
        List<String> metrics = new ArrayList<>(summary.stats().keySet());
        List<String> names = new ArrayList<>(List.of("fold", "run_id", "train_size", "val_size"));
        names.addAll(metrics);
        Sheet f = w.sheet("folds", names, 0);
        int r = 1;
        for (CrossValidationSummary.Fold fold : summary.folds()) {
            Row row = f.createRow(r++);
            w.general(row, 0, fold.fold());
            w.text(row, 1, fold.runId());
            w.general(row, 2, fold.trainSize());
            w.general(row, 3, fold.valSize());
            for (int m = 0; m < metrics.size(); m++) {
                Double v = fold.metrics().get(metrics.get(m));
                if (v != null && Double.isFinite(v)) {
                    w.decimal(row, 4 + m, v);
                }
            }
        }
        w.wideWidth(f, 1, 76);
    }
}
