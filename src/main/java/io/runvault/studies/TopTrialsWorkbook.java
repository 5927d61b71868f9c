package io.runvault.studies;

import io.runvault.reports.WorkbookWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * {@code reports/top_10_trials.xlsx}, written by the streaming {@link WorkbookWriter} (a study can
 * have thousands of trials). Sheets:
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
        try (WorkbookWriter w = new WorkbookWriter()) {
            List<String> params = paramColumns(study, space);
            topSheet(w, study, params);
            allSheet(w, study, params);
            w.write(out);
        }
    }

    private static void topSheet(WorkbookWriter w, Study study, List<String> params) {
        List<String> h = new ArrayList<>(List.of("rank", "number", "value"));
        h.addAll(params);
        h.addAll(List.of("duration_s", "datetime_start"));
        Sheet top = w.sheet(SHEETS.get(0), h, 0);
        List<Trial> ranked = ranked(study);
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            Trial t = ranked.get(i);
            Row r = top.createRow(i + 1);
            int c = 0;
            w.general(r, c++, i + 1);
            w.general(r, c++, t.number());
            number(w, r, c++, t.value());
            for (String p : params) {
                value(w, r, c++, t.params().get(p));
            }
            number(w, r, c++, duration(t));
            w.text(r, c, t.datetimeStart() == null ? null : t.datetimeStart().toString());
        }
        timeWidths(w, top, h);
    }

    private static void allSheet(WorkbookWriter w, Study study, List<String> params) {
        List<String> h = new ArrayList<>(List.of("number", "state", "value"));
        h.addAll(params);
        h.addAll(List.of("duration_s", "datetime_start", "datetime_complete", "last_step", "failure_reason"));
        Sheet all = w.sheet(SHEETS.get(1), h, 0);
        for (Trial t : study.trials()) {
            Row r = all.createRow(t.number() + 1);
            int c = 0;
            w.general(r, c++, t.number());
            w.text(r, c++, t.state().name());
            number(w, r, c++, t.value());
            for (String p : params) {
                value(w, r, c++, t.params().get(p));
            }
            number(w, r, c++, duration(t));
            w.text(r, c++, t.datetimeStart() == null ? null : t.datetimeStart().toString());
            w.text(r, c++, t.datetimeComplete() == null ? null : t.datetimeComplete().toString());
            if (t.lastStep() >= 0) {
                w.general(r, c, t.lastStep());
            }
            c++;
            w.text(r, c, t.failureReason());
        }
        timeWidths(w, all, h);
    }

    /** Timestamps ("2026-01-02T03:04:05.678Z") shown whole. */
    private static void timeWidths(WorkbookWriter w, Sheet sheet, List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("datetime_")) {
                w.width(sheet, i, 24);
            }
        }
    }

    /** Seconds from start to completion, or null while either is unknown. */
    static Double duration(Trial t) {
        if (t.datetimeStart() == null || t.datetimeComplete() == null) {
            return null;
        }
        return Duration.between(t.datetimeStart(), t.datetimeComplete()).toNanos() / 1e9;
    }

    /** A value, or its text ("inf", "NaN") when not finite; null leaves the cell empty. */
    private static void number(WorkbookWriter w, Row r, int column, Double v) {
        if (v == null) {
            return;
        }
        if (Double.isFinite(v)) {
            w.general(r, column, v);
        } else {
            w.text(r, column, ParamScale.number(v));
        }
    }

    private static void value(WorkbookWriter w, Row r, int column, Object v) {
        if (v instanceof Number n) {
            number(w, r, column, n.doubleValue());
        } else {
            w.value(r, column, v);
        }
    }
}
