package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes {@code reports/cv_summary.xlsx}: a {@code summary} sheet (metric, mean, std, min, max; one
 * row per metric) and a {@code folds} sheet (fold, run_id, train_size, val_size, then one column per
 * metric). Small (k rows), so an in-memory workbook. Numbers are numeric cells; headers are bold and frozen.
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
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Font boldFont = wb.createFont();
            boldFont.setBold(true);
            CellStyle bold = wb.createCellStyle();
            bold.setFont(boldFont);
            CellStyle decimal = wb.createCellStyle();
            decimal.setDataFormat(wb.createDataFormat().getFormat("0.0000"));

            Sheet s = wb.createSheet("summary");
            header(s, bold, List.of("metric", "mean", "std", "min", "max"));
            int r = 1;
            for (Map.Entry<String, CrossValidationSummary.Stat> e : summary.stats().entrySet()) {
                Row row = s.createRow(r++);
                row.createCell(0).setCellValue(e.getKey());
                double[] v = {e.getValue().mean(), e.getValue().std(), e.getValue().min(), e.getValue().max()};
                for (int c = 0; c < v.length; c++) {
                    row.createCell(c + 1).setCellValue(v[c]);
                    row.getCell(c + 1).setCellStyle(decimal);
                }
            }
            s.setColumnWidth(0, 28 * 256);

            Sheet f = wb.createSheet("folds");
            List<String> metrics = new ArrayList<>(summary.stats().keySet());
            List<String> names = new ArrayList<>(List.of("fold", "run_id", "train_size", "val_size"));
            names.addAll(metrics);
            header(f, bold, names);
            r = 1;
            for (CrossValidationSummary.Fold fold : summary.folds()) {
                Row row = f.createRow(r++);
                row.createCell(0).setCellValue(fold.fold());
                row.createCell(1).setCellValue(fold.runId());
                row.createCell(2).setCellValue(fold.trainSize());
                row.createCell(3).setCellValue(fold.valSize());
                for (int m = 0; m < metrics.size(); m++) {
                    Double v = fold.metrics().get(metrics.get(m));
                    if (v != null && Double.isFinite(v)) {
                        row.createCell(4 + m).setCellValue(v);
                        row.getCell(4 + m).setCellStyle(decimal);
                    }
                }
            }
            f.setColumnWidth(1, 76 * 256);
            wb.write(out);
        }
        out.flush();
    }

    private static void header(Sheet sheet, CellStyle bold, List<String> names) {
        Row row = sheet.createRow(0);
        for (int c = 0; c < names.size(); c++) {
            row.createCell(c).setCellValue(names.get(c));
            row.getCell(c).setCellStyle(bold);
        }
        sheet.createFreezePane(0, 1);
    }
}
