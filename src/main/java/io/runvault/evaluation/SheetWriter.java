package io.runvault.evaluation;

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
 * A streaming workbook in the house style of {@code TrainingSummaryWorkbook}: bold frozen header
 * rows, numbers as numeric cells with four decimals, NaN as an empty cell (as pandas writes it),
 * column widths from content.
 */
final class SheetWriter implements AutoCloseable {

    private static final int WINDOW = 200;

    private final SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
    private final CellStyle header;
    private final CellStyle decimal;
    private final CellStyle integer;

    SheetWriter() {
        wb.setCompressTempFiles(true);
        Font bold = wb.createFont();
        bold.setBold(true);
        header = wb.createCellStyle();
        header.setFont(bold);
        decimal = wb.createCellStyle();
        decimal.setDataFormat(wb.createDataFormat().getFormat("0.0000"));
        integer = wb.createCellStyle();
        integer.setDataFormat(wb.createDataFormat().getFormat("0"));
    }

    /** A new sheet with a bold header row, frozen below it and right of {@code frozenColumns}. */
    Sheet sheet(String name, List<String> columns, int frozenColumns) {
        Sheet sheet = wb.createSheet(name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell c = row.createCell(i);
            c.setCellValue(columns.get(i));
            c.setCellStyle(header);
            width(sheet, i, columns.get(i).length());
        }
        sheet.createFreezePane(frozenColumns, 1);
        return sheet;
    }

    /** Column width from a character count, clamped to 8-60 characters. */
    void width(Sheet sheet, int column, int chars) {
        sheet.setColumnWidth(column, Math.max(8, Math.min(60, chars + 2)) * 256);
    }

    void decimal(Row row, int column, double v) {
        if (Double.isNaN(v)) {
            return;
        }
        Cell c = row.createCell(column);
        if (Double.isInfinite(v)) {
            c.setCellValue(v > 0 ? "inf" : "-inf");
            return;
        }
        c.setCellValue(v);
        c.setCellStyle(decimal);
    }

    /** A number in General format (shows 1E-05 and 0.912345 as they are). */
    void general(Row row, int column, double v) {
        if (!Double.isNaN(v)) {
            row.createCell(column).setCellValue(v);
        }
    }

    void integer(Row row, int column, long v) {
        Cell c = row.createCell(column);
        c.setCellValue(v);
        c.setCellStyle(integer);
    }

    void text(Row row, int column, String v) {
        if (v != null) {
            row.createCell(column).setCellValue(v);
        }
    }

    void bold(Row row, int column, String v) {
        Cell c = row.createCell(column);
        c.setCellValue(v);
        c.setCellStyle(header);
    }

    void write(OutputStream out) throws IOException {
        wb.write(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        wb.dispose();
        wb.close();
    }
}
