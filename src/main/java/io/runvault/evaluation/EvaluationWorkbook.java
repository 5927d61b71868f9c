package io.runvault.evaluation;

import io.runvault.reports.ClassificationReport;
import io.runvault.reports.WorkbookWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * {@code reports/evaluation_summary.xlsx}, for reviewers who read results in Excel. Sheets:
 * <ul>
 * <li>{@code summary}: key, value (what was evaluated, how, and the headline metrics);</li>
 * <li>{@code per_class}: class, precision, recall, f1, support, roc_auc;</li>
 * <li>{@code confusion_matrix}: true class down, predicted class across.</li>
 * </ul>
 */
public final class EvaluationWorkbook {

    public static final List<String> SHEETS = List.of("summary", "per_class", "confusion_matrix");

    private EvaluationWorkbook() {
    }

    /** Writes the workbook onto the stream (not closed); {@code summary} values are numbers or text. */
    public static void write(Map<String, ?> summary, ClassificationReport report, OutputStream out) throws IOException {
        try (WorkbookWriter w = new WorkbookWriter()) {
            Sheet s = w.sheet("summary", List.of("key", "value"), 0);
            int r = 1;
            int keyWidth = 8;
            for (Map.Entry<String, ?> e : summary.entrySet()) {
                Row row = s.createRow(r++);
                w.text(row, 0, e.getKey());
                keyWidth = Math.max(keyWidth, e.getKey().length());
                if (e.getValue() instanceof Number n) {
                    w.general(row, 1, n.doubleValue());
                } else {
                    w.text(row, 1, e.getValue() == null ? null : e.getValue().toString());
                }
            }
            w.width(s, 0, keyWidth);
            w.width(s, 1, 40);

            Sheet pc = w.sheet("per_class", List.of("class", "precision", "recall", "f1", "support", "roc_auc"), 1);
            r = 1;
            for (ClassificationReport.ClassMetrics m : report.perClass()) {
                w.classMetrics(pc.createRow(r++), m);
            }
            w.width(pc, 0, report.classNames().stream().mapToInt(String::length).max().orElse(8));

            List<String> head = new ArrayList<>();
            head.add("true \\ predicted");
            head.addAll(report.classNames());
            Sheet cm = w.sheet("confusion_matrix", head, 1);
            long[][] matrix = report.confusionMatrix();
            for (int t = 0; t < matrix.length; t++) {
                Row row = cm.createRow(t + 1);
                w.text(row, 0, report.classNames().get(t));
                for (int p = 0; p < matrix[t].length; p++) {
                    w.integer(row, p + 1, matrix[t][p]);
                }
            }
            w.width(cm, 0, Math.max(16, report.classNames().stream().mapToInt(String::length).max().orElse(8)));
            w.write(out);
        }
    }
}
