package io.runvault.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The one workbook writer of every {@code .xlsx} Runvault writes (training, cross-validation,
 * evaluation, robustness, comparison and study workbooks), so reviewers who read results in Excel
 * find them all alike: bold header rows frozen at the top, numbers as numeric cells (four decimals
 * for metrics, General where small values such as 1E-05 must show as they are), NaN as an empty
 * cell as pandas writes it, infinities as "inf"/"-inf" text, column widths from content.
 *
 * <p>Streaming (POI's SXSSF): only {@value #WINDOW} rows per sheet are in memory at a time, the rest
 * go to temporary files deleted on {@link #close}, so 100,000 prediction rows take bounded memory
 * (tests/bench/reports.sh).
 */
public final class WorkbookWriter implements AutoCloseable {

    /** Rows per sheet kept in memory while writing. */
    public static final int WINDOW = 200;

    private final SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
    /**
     * The workbook's default style, set on every cell written without one: it is written as no
     * style at all, but spares SXSSF looking up the column's default style for each cell when the
     * row is flushed (with column widths set, that lookup took a third of the time of 100,000 rows).
     */
    private final CellStyle plain;
    private final CellStyle header;
    private final CellStyle decimal;
    private final CellStyle boldDecimal;
    private final CellStyle integer;

    public WorkbookWriter() {
        // Uncompressed temporary rows: a third faster for 100,000 rows (gzip of the temporary file, then
        // deflate again into the .xlsx), at the cost of disk space until close deletes them.
        wb.setCompressTempFiles(false);
        plain = wb.getCellStyleAt(0);
        Font bold = wb.createFont();
        bold.setBold(true);
        header = wb.createCellStyle();
        header.setFont(bold);
        short fourDecimals = wb.createDataFormat().getFormat("0.0000");
        decimal = wb.createCellStyle();
        decimal.setDataFormat(fourDecimals);
        boldDecimal = wb.createCellStyle();
        boldDecimal.setDataFormat(fourDecimals);
        boldDecimal.setFont(bold);
        integer = wb.createCellStyle();
        integer.setDataFormat(wb.createDataFormat().getFormat("0"));
    }

    /**
     * A new sheet with a bold header row, frozen below it and right of {@code frozenColumns}; each
     * column as wide as its header (see {@link #width}) until set otherwise.
     */
    public Sheet sheet(String name, List<String> columns, int frozenColumns) {
        Sheet sheet = wb.createSheet(name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            bold(row, i, columns.get(i));
            width(sheet, i, columns.get(i).length());
        }
        sheet.createFreezePane(frozenColumns, 1);
        return sheet;
    }

    /** Column width from a character count, clamped to 8-60 characters. */
    public void width(Sheet sheet, int column, int chars) {
        sheet.setColumnWidth(column, Math.max(8, Math.min(60, chars + 2)) * 256);
    }

    /** Column width for values that must show whole however long (run ids), from a character count. */
    public void wideWidth(Sheet sheet, int column, int chars) {
        sheet.setColumnWidth(column, Math.max(8, Math.min(255, chars)) * 256);
    }

    /** A metric with four decimals. */
    public void decimal(Row row, int column, double v) {
        number(row, column, v, decimal);
    }

    /** A metric with four decimals in bold (the summary rows under a table). */
    public void boldDecimal(Row row, int column, double v) {
        number(row, column, v, boldDecimal);
    }

    /** A number in General format (shows 1E-05 and 0.912345 as they are). */
    public void general(Row row, int column, double v) {
        number(row, column, v, null);
    }

    /** A count, shown without decimals. */
    public void integer(Row row, int column, long v) {
        Cell c = row.createCell(column);
        c.setCellValue(v);
        c.setCellStyle(integer);
    }

    /** One class's row of a per-class table: name, precision, recall, F1, support, ROC AUC. */
    public void classMetrics(Row row, ClassificationReport.ClassMetrics m) {
        text(row, 0, m.name());
        decimal(row, 1, m.precision());
        decimal(row, 2, m.recall());
        decimal(row, 3, m.f1());
        integer(row, 4, m.support());
        decimal(row, 5, m.rocAuc());
    }

    /** Text; null leaves the cell empty. */
    public void text(Row row, int column, String v) {
        if (v != null) {
            cell(row, column).setCellValue(v);
        }
    }

    public void bool(Row row, int column, boolean v) {
        cell(row, column).setCellValue(v);
    }

    private Cell cell(Row row, int column) {
        Cell c = row.createCell(column);
        c.setCellStyle(plain);
        return c;
    }

    /** Bold text: a header cell, or a row label such as "macro avg". */
    public void bold(Row row, int column, String v) {
        Cell c = row.createCell(column);
        c.setCellValue(v);
        c.setCellStyle(header);
    }

    /**
     * A value of a key-value table: numbers in General format, booleans as boolean cells, anything
     * else as its text; null leaves the cell empty.
     */
    public void value(Row row, int column, Object v) {
        if (v instanceof Number n) {
            general(row, column, n.doubleValue());
        } else if (v instanceof Boolean b) {
            bool(row, column, b);
        } else if (v != null) {
            text(row, column, v.toString());
        }
    }

    private void number(Row row, int column, double v, CellStyle style) {
        if (Double.isNaN(v)) {
            return;
        }
        Cell c = row.createCell(column);
        if (Double.isInfinite(v)) {
            c.setCellValue(v > 0 ? "inf" : "-inf");
            c.setCellStyle(plain);
            return;
        }
        c.setCellValue(v);
        c.setCellStyle(style != null ? style : plain);
    }

    /** Writes the workbook onto the stream (not closed). */
    public void write(OutputStream out) throws IOException {
        wb.write(out);
        out.flush();
    }

    /** Deletes the temporary files. */
    @Override
    public void close() throws IOException {
        wb.dispose();
        wb.close();
    }
}
