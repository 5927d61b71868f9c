package io.runvault.studies;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * {@code reports/top_10_trials.xlsx}, written with POI's streaming workbook (a study can have
 * thousands of trials). Sheets:
 * <ul>
 * <li>{@code top_10_trials}: the {@value #TOP} best COMPLETE trials with a value, best first (ties by
 *     trial number, so rank 1 is {@link Study#best()}): rank, number, value, one column per parameter,
 *     duration_s, datetime_start;</li>
 * <li>{@code all_trials}: every trial in number order: number, state, value, the parameters,
 *     duration_s, datetime_start, datetime_complete, last_step, failure_reason.</li>
 * </ul>
 * Numbers (and numeric choices) are numeric cells, booleans boolean cells; a missing value or a null
 * choice is an empty cell, a non-finite value its text ("inf", "NaN"). Header rows are bold and frozen.
 */
final class TopTrialsWorkbook {

    static final int TOP = 10;
    static final List<String> SHEETS = List.of("top_10_trials", "all_trials");
    private static final int WINDOW = 200;

    private TopTrialsWorkbook() {
    }

    /** COMPLETE trials with a non-NaN value, best first; ties keep trial-number order. */
    static List<Trial> ranked(Study study) {
        List<Trial> out = new ArrayList<>();
        for (Trial t : study.trials()) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && !t.value().isNaN()) {
                out.add(t);
            }
        }
        Comparator<Trial> byValue = Comparator.comparingDouble(Trial::value);
        out.sort((study.direction() == Direction.MAXIMIZE ? byValue.reversed() : byValue)
                .thenComparingInt(Trial::number));
        return out;
    }

    /** The parameter columns: the search space's, then any other a trial has. */
    static List<String> paramColumns(Study study, SearchSpace space) {
        Set<String> names = new LinkedHashSet<>(space.names());
        for (Trial t : study.trials()) {
            names.addAll(t.params().keySet());
        }
        return List.copyOf(names);
    }

    static void write(Study study, SearchSpace space, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
        wb.setCompressTempFiles(true);
        try {
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            List<String> params = paramColumns(study, space);

            Sheet top = wb.createSheet(SHEETS.get(0));
            List<String> h = new ArrayList<>(List.of("rank", "number", "value"));
            h.addAll(params);
            h.addAll(List.of("duration_s", "datetime_start"));
            header(top, header, h);
            List<Trial> ranked = ranked(study);
            for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
                Trial t = ranked.get(i);
                Row r = top.createRow(i + 1);
                int c = 0;
                r.createCell(c++).setCellValue(i + 1);
                r.createCell(c++).setCellValue(t.number());
                number(r, c++, t.value());
                for (String p : params) {
                    value(r, c++, t.params().get(p));
                }
                number(r, c++, duration(t));
                text(r, c, t.datetimeStart() == null ? null : t.datetimeStart().toString());
            }

            Sheet all = wb.createSheet(SHEETS.get(1));
            List<String> ha = new ArrayList<>(List.of("number", "state", "value"));
            ha.addAll(params);
            ha.addAll(List.of("duration_s", "datetime_start", "datetime_complete", "last_step", "failure_reason"));
            header(all, header, ha);
            for (Trial t : study.trials()) {
                Row r = all.createRow(t.number() + 1);
                int c = 0;
                r.createCell(c++).setCellValue(t.number());
                r.createCell(c++).setCellValue(t.state().name());
                number(r, c++, t.value());
                for (String p : params) {
                    value(r, c++, t.params().get(p));
                }
                number(r, c++, duration(t));
                text(r, c++, t.datetimeStart() == null ? null : t.datetimeStart().toString());
                text(r, c++, t.datetimeComplete() == null ? null : t.datetimeComplete().toString());
                if (t.lastStep() >= 0) {
                    r.createCell(c).setCellValue(t.lastStep());
                }
                c++;
                text(r, c, t.failureReason());
            }
            wb.write(out);
            out.flush();
        } finally {
            wb.dispose();
            wb.close();
        }
    }

    /** Seconds from start to completion, or null while either is unknown. */
    static Double duration(Trial t) {
        if (t.datetimeStart() == null || t.datetimeComplete() == null) {
            return null;
        }
        return Duration.between(t.datetimeStart(), t.datetimeComplete()).toNanos() / 1e9;
    }

    private static void header(Sheet sheet, CellStyle style, List<String> names) {
        Row r = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            Cell c = r.createCell(i);
            c.setCellValue(names.get(i));
            c.setCellStyle(style);
            sheet.setColumnWidth(i, Math.min(60, Math.max(12, names.get(i).length() + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    private static void number(Row r, int column, Double v) {
        if (v == null) {
            return;
        }
        if (Double.isFinite(v)) {
            r.createCell(column).setCellValue(v);
        } else {
            r.createCell(column).setCellValue(ParamScale.number(v));
        }
    }

    private static void text(Row r, int column, String s) {
        if (s != null) {
            r.createCell(column).setCellValue(s);
        }
    }

    private static void value(Row r, int column, Object v) {
        if (v instanceof Number n) {
            number(r, column, n.doubleValue());
        } else if (v instanceof Boolean b) {
            r.createCell(column).setCellValue(b);
        } else if (v != null) {
            r.createCell(column).setCellValue(String.valueOf(v));
        }
    }
}
