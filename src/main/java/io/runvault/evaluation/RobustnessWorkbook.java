package io.runvault.evaluation;

import io.runvault.reports.WorkbookWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * {@code reports/robustness.xlsx}. Sheets:
 * <ul>
 * <li>{@code summary}: key, value (images, seed, clean accuracy and error, mCE and relative mCE
 *     with what they are relative to, and against the baseline when there is one);</li>
 * <li>{@code accuracy}: corruption, clean, then one column per severity ({@code s1}...), mean;</li>
 * <li>{@code relative_drop}: the same layout, {@code (clean - corrupted) / clean};</li>
 * <li>{@code errors}: corruption, mean_accuracy, mean_relative_drop, ce, relative_ce (against the
 *     model's own clean error), then ce_vs_baseline, relative_ce_vs_baseline with a baseline;</li>
 * <li>{@code parameters}: corruption, then the corruption's parameter at each severity.</li>
 * </ul>
 */
public final class RobustnessWorkbook {

    public static final List<String> SHEETS = List.of("summary", "accuracy", "relative_drop", "errors", "parameters");

    private RobustnessWorkbook() {
    }

    /** Writes the workbook onto the stream (not closed); {@code baseline} may be null. */
    public static void write(RobustnessResult r, ErrorBaseline baseline, OutputStream out) throws IOException {
        CorruptionErrors own = CorruptionErrors.of(r, null);
        CorruptionErrors vs = baseline == null ? null : CorruptionErrors.of(r, baseline);
        try (WorkbookWriter w = new WorkbookWriter()) {
            summary(w, r, own, vs);
            grid(w, "accuracy", r, true);
            grid(w, "relative_drop", r, false);
            errors(w, own, vs);
            parameters(w);
            w.write(out);
        }
    }

    private static void summary(WorkbookWriter w, RobustnessResult r, CorruptionErrors own, CorruptionErrors vs) {
        Sheet s = w.sheet("summary", List.of("key", "value"), 0);
        int[] at = {1};
        java.util.function.BiConsumer<String, Object> put = (k, v) -> {
            Row row = s.createRow(at[0]++);
            w.text(row, 0, k);
            if (v instanceof Number n) {
                w.general(row, 1, n.doubleValue());
            } else {
                w.text(row, 1, v == null ? null : v.toString());
            }
        };
        put.accept("images", r.samples());
        put.accept("seed", r.seed());
        put.accept("classes", r.classNames().size());
        put.accept("corruptions", r.corruptions().stream().map(Corruption::id).collect(Collectors.joining(", ")));
        put.accept("severities", r.severities().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        put.accept("clean_accuracy", r.cleanAccuracy());
        put.accept("clean_error", r.cleanError());
        put.accept("mce", own.mce());
        put.accept("relative_mce", own.relativeMce());
        put.accept("mce_reference", own.reference());
        if (vs != null) {
            put.accept("mce_vs_baseline", vs.mce());
            put.accept("relative_mce_vs_baseline", vs.relativeMce());
            put.accept("baseline", vs.baseline());
        }
        w.width(s, 0, "relative_mce_vs_baseline".length());
        w.width(s, 1, 40);
    }

    private static void grid(WorkbookWriter w, String name, RobustnessResult r, boolean accuracy) {
        List<String> head = new ArrayList<>(List.of("corruption", "clean"));
        for (int sev : r.severities()) {
            head.add("s" + sev);
        }
        head.add("mean");
        Sheet s = w.sheet(name, head, 1);
        int at = 1;
        for (Corruption c : r.corruptions()) {
            Row row = s.createRow(at++);
            w.text(row, 0, c.id());
            w.decimal(row, 1, accuracy ? r.cleanAccuracy() : 0.0);
            double sum = 0;
            int n = 0;
            int col = 2;
            for (int sev : r.severities()) {
                double v = accuracy ? r.accuracy(c, sev) : r.relativeDrop(c, sev);
                w.decimal(row, col++, v);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            w.decimal(row, col, n == 0 ? Double.NaN : sum / n);
        }
        w.width(s, 0, "jpeg_compression".length());
    }

    private static void errors(WorkbookWriter w, CorruptionErrors own, CorruptionErrors vs) {
        List<String> head = new ArrayList<>(List.of("corruption", "mean_accuracy", "mean_relative_drop", "ce", "relative_ce"));
        if (vs != null) {
            head.addAll(List.of("ce_vs_baseline", "relative_ce_vs_baseline"));
        }
        Sheet s = w.sheet("errors", head, 1);
        int at = 1;
        for (int i = 0; i < own.perCorruption().size(); i++) {
            CorruptionErrors.Entry e = own.perCorruption().get(i);
            Row row = s.createRow(at++);
            w.text(row, 0, e.corruption().id());
            w.decimal(row, 1, e.meanAccuracy());
            w.decimal(row, 2, e.meanRelativeDrop());
            w.decimal(row, 3, e.ce());
            w.decimal(row, 4, e.relativeCe());
            if (vs != null) {
                w.decimal(row, 5, vs.perCorruption().get(i).ce());
                w.decimal(row, 6, vs.perCorruption().get(i).relativeCe());
            }
        }
        Row mean = s.createRow(at);
        w.bold(mean, 0, "mean");
        w.decimal(mean, 1, own.perCorruption().stream().mapToDouble(CorruptionErrors.Entry::meanAccuracy).average().orElse(Double.NaN));
        w.decimal(mean, 2, own.perCorruption().stream().mapToDouble(CorruptionErrors.Entry::meanRelativeDrop).average().orElse(Double.NaN));
        w.decimal(mean, 3, own.mce());
        w.decimal(mean, 4, own.relativeMce());
        if (vs != null) {
            w.decimal(mean, 5, vs.mce());
            w.decimal(mean, 6, vs.relativeMce());
        }
        w.width(s, 0, "jpeg_compression".length());
    }

    private static void parameters(WorkbookWriter w) {
        List<String> head = new ArrayList<>(List.of("corruption"));
        for (int sev = Corruption.MIN_SEVERITY; sev <= Corruption.MAX_SEVERITY; sev++) {
            head.add("s" + sev);
        }
        Sheet s = w.sheet("parameters", head, 1);
        int at = 1;
        for (Corruption c : Corruption.values()) {
            Row row = s.createRow(at++);
            w.text(row, 0, c.id());
            for (int sev = Corruption.MIN_SEVERITY; sev <= Corruption.MAX_SEVERITY; sev++) {
                w.general(row, sev, c.parameter(sev));
            }
        }
        w.width(s, 0, "jpeg_compression".length());
    }
}
