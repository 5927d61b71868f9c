package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes {@code reports/training_summary.xlsx} with POI's streaming workbook: only
 * {@value #WINDOW} rows per sheet are in memory at a time (the rest go to compressed temporary
 * files, deleted afterwards), so 60,000+ prediction rows take bounded memory. Sheets:
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
    public static final int WINDOW = 200;

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
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        wb.setCompressTempFiles(true);
        try {
            Styles st = new Styles(wb);
            summarySheet(wb.createSheet("summary"), st, summary);
            epochsSheet(wb.createSheet("epochs"), st, summary.history());
            perClassSheet(wb.createSheet("per_class"), st, summary.report());
            confusionSheet(wb.createSheet("confusion_matrix"), st, summary.report());
            predictionsSheet(wb.createSheet("val_predictions"), st, summary.predictions());
            wb.write(out);
            out.flush();
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle decimal;
        final CellStyle integer;
        final CellStyle bold;
        final CellStyle boldDecimal;

        Styles(SXSSFWorkbook wb) {
            Font b = wb.createFont();
            b.setBold(true);
            header = wb.createCellStyle();
            header.setFont(b);
            bold = header;
            short fourDecimals = wb.createDataFormat().getFormat("0.0000");
            decimal = wb.createCellStyle();
            decimal.setDataFormat(fourDecimals);
            boldDecimal = wb.createCellStyle();
            boldDecimal.setDataFormat(fourDecimals);
            boldDecimal.setFont(b);
            integer = wb.createCellStyle();
            integer.setDataFormat(wb.createDataFormat().getFormat("0"));
        }
    }

    private static void header(Sheet sheet, Styles st, List<String> names, int frozenColumns) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(names.get(i));
            c.setCellStyle(st.header);
        }
        sheet.createFreezePane(frozenColumns, 1);
    }

    /** Column width from a character count (POI's units are 1/256 of a character), clamped to 8-60. */
    private static void width(Sheet sheet, int column, int chars) {
        sheet.setColumnWidth(column, Math.max(8, Math.min(60, chars + 2)) * 256);
    }

    private static void number(Row row, int column, double v, CellStyle style) {
        if (Double.isNaN(v)) {
            return; // empty cell, as pandas writes NaN
        }
        Cell c = row.createCell(column);
        if (Double.isInfinite(v)) {
            c.setCellValue(v > 0 ? "inf" : "-inf");
            return;
        }
        c.setCellValue(v);
        c.setCellStyle(style);
    }

    private static void value(Row row, int column, Object v, Styles st) {
        if (v == null) {
            return;
        }
        if (v instanceof Number n) {
            // General format: shows 0.001, 1E-05 and 0.912345 as they are (a fixed format would hide small values).
            number(row, column, n.doubleValue(), null);
        } else if (v instanceof Boolean b) {
            row.createCell(column).setCellValue(b);
        } else {
            row.createCell(column).setCellValue(v.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static void summarySheet(Sheet sheet, Styles st, TrainingSummary s) {
        header(sheet, st, List.of("section", "key", "value"), 0);
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
                row.createCell(0).setCellValue((String) section[0]);
                row.createCell(1).setCellValue(e.getKey());
                value(row, 2, e.getValue(), st);
                keyWidth = Math.max(keyWidth, e.getKey().length());
                valueWidth = Math.max(valueWidth, String.valueOf(e.getValue()).length());
            }
        }
        width(sheet, 0, "hyperparameters".length());
        width(sheet, 1, keyWidth);
        width(sheet, 2, valueWidth);
    }

    private static void epochsSheet(Sheet sheet, Styles st, TrainingHistory h) {
        Map<String, double[]> series = h.series();
        List<String> names = new java.util.ArrayList<>();
        names.add("epoch");
        names.addAll(series.keySet());
        header(sheet, st, names, 1);
        int[] epochs = h.epochs();
        for (int i = 0; i < epochs.length; i++) {
            Row row = sheet.createRow(i + 1);
            row.createCell(0).setCellValue(epochs[i]);
            int c = 1;
            for (double[] v : series.values()) {
                number(row, c++, v[i], st.decimal);
            }
        }
        for (int c = 0; c < names.size(); c++) {
            width(sheet, c, Math.max(names.get(c).length(), 8));
        }
    }

    private static void perClassSheet(Sheet sheet, Styles st, ClassificationReport rep) {
        header(sheet, st, List.of("class", "precision", "recall", "f1-score", "support", "roc_auc"), 1);
        int r = 1;
        int nameWidth = "weighted avg".length();
        for (ClassificationReport.ClassMetrics m : rep.perClass()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(m.name());
            number(row, 1, m.precision(), st.decimal);
            number(row, 2, m.recall(), st.decimal);
            number(row, 3, m.f1(), st.decimal);
            number(row, 4, m.support(), st.integer);
            number(row, 5, m.rocAuc(), st.decimal);
            nameWidth = Math.max(nameWidth, m.name().length());
        }
        Row acc = sheet.createRow(r++);
        label(acc, "accuracy", st);
        number(acc, 3, rep.accuracy(), st.boldDecimal);
        number(acc, 4, rep.total(), st.integer);
        Row macro = sheet.createRow(r++);
        label(macro, "macro avg", st);
        average(macro, rep.macroAvg(), st);
        number(macro, 5, rep.macroRocAuc(), st.boldDecimal);
        Row weighted = sheet.createRow(r);
        label(weighted, "weighted avg", st);
        average(weighted, rep.weightedAvg(), st);
        width(sheet, 0, nameWidth);
        for (int c = 1; c <= 5; c++) {
            width(sheet, c, 10);
        }
    }

    private static void label(Row row, String text, Styles st) {
        Cell c = row.createCell(0);
        c.setCellValue(text);
        c.setCellStyle(st.bold);
    }

    private static void average(Row row, ClassificationReport.Average a, Styles st) {
        number(row, 1, a.precision(), st.boldDecimal);
        number(row, 2, a.recall(), st.boldDecimal);
        number(row, 3, a.f1(), st.boldDecimal);
        number(row, 4, a.support(), st.integer);
    }

    private static void confusionSheet(Sheet sheet, Styles st, ClassificationReport rep) {
        List<String> names = rep.classNames();
        List<String> head = new java.util.ArrayList<>();
        head.add("true \\ predicted");
        head.addAll(names);
        header(sheet, st, head, 1);
        long[][] m = rep.confusionMatrix();
        int nameWidth = head.get(0).length();
        for (int t = 0; t < names.size(); t++) {
            Row row = sheet.createRow(t + 1);
            Cell c = row.createCell(0);
            c.setCellValue(names.get(t));
            c.setCellStyle(st.bold);
            for (int p = 0; p < names.size(); p++) {
                row.createCell(p + 1).setCellValue(m[t][p]);
            }
            nameWidth = Math.max(nameWidth, names.get(t).length());
        }
        width(sheet, 0, nameWidth);
        for (int p = 0; p < names.size(); p++) {
            width(sheet, p + 1, names.get(p).length());
        }
    }

    private static void predictionsSheet(Sheet sheet, Styles st, Predictions p) {
        List<String> names = p.classNames();
        List<String> head = new java.util.ArrayList<>(List.of("index", "true_label", "true_class", "predicted_label",
                "predicted_class", "correct"));
        for (String n : names) {
            head.add("prob_" + n);
        }
        header(sheet, st, head, 1);
        int nameWidth = "true_class".length();
        for (String n : names) {
            nameWidth = Math.max(nameWidth, n.length());
        }
        int k = names.size();
        for (int i = 0; i < p.size(); i++) {
            Row row = sheet.createRow(i + 1);
            int t = p.trueLabel(i);
            int y = p.predicted(i);
            row.createCell(0).setCellValue(i);
            row.createCell(1).setCellValue(t);
            row.createCell(2).setCellValue(names.get(t));
            row.createCell(3).setCellValue(y);
            row.createCell(4).setCellValue(names.get(y));
            row.createCell(5).setCellValue(t == y);
            for (int c = 0; c < k; c++) {
                Cell cell = row.createCell(6 + c);
                cell.setCellValue(p.probability(i, c));
                cell.setCellStyle(st.decimal);
            }
        }
        width(sheet, 0, 7);
        width(sheet, 1, "true_label".length());
        width(sheet, 2, nameWidth);
        width(sheet, 3, "predicted_label".length());
        width(sheet, 4, Math.max(nameWidth, "predicted_class".length()));
        width(sheet, 5, "correct".length());
        for (int c = 0; c < k; c++) {
            width(sheet, 6 + c, Math.max(8, head.get(6 + c).length()));
        }
    }
}
