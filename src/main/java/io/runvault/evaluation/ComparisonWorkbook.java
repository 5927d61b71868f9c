package io.runvault.evaluation;

import io.runvault.reports.WorkbookWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * {@code reports/comparison.xlsx}. Sheets:
 * <ul>
 * <li>{@code metrics}: model, then per metric (accuracy, macro_f1, auc_ovr) the estimate and its
 *     bootstrap interval ({@code <metric>}, {@code <metric>_lower}, {@code <metric>_upper});</li>
 * <li>{@code pairwise_tests}: model_a, model_b, McNemar's b, c, exact p, corrected chi-square and
 *     its p, then per metric the difference A - B, its interval and bootstrap p-value;</li>
 * <li>{@code seed_groups}: group, runs, seeds, then per metric n, mean and sample std;</li>
 * <li>{@code settings}: test samples, seed, resamples, level and the methods used.</li>
 * </ul>
 */
public final class ComparisonWorkbook {

    public static final List<String> SHEETS = List.of("metrics", "pairwise_tests", "seed_groups", "settings");

    private ComparisonWorkbook() {
    }

    /** Writes the workbook onto the stream (not closed); {@code seedGroups} may be empty. */
    public static void write(ComparisonResult r, List<SeedGroupSummary> seedGroups, OutputStream out) throws IOException {
        try (WorkbookWriter w = new WorkbookWriter()) {
            metrics(w, r);
            pairs(w, r);
            seedGroups(w, seedGroups);
            settings(w, r);
            w.write(out);
        }
    }

    private static void metrics(WorkbookWriter w, ComparisonResult r) {
        List<String> head = new ArrayList<>(List.of("model"));
        for (String m : ModelComparison.METRICS) {
            head.addAll(List.of(m, m + "_lower", m + "_upper"));
        }
        Sheet s = w.sheet("metrics", head, 1);
        int at = 1;
        int nameWidth = 8;
        for (ModelMetrics mm : r.models()) {
            Row row = s.createRow(at++);
            w.text(row, 0, mm.model());
            int col = 1;
            for (String m : ModelComparison.METRICS) {
                ConfidenceInterval ci = mm.metric(m);
                w.decimal(row, col++, ci.estimate());
                w.decimal(row, col++, ci.lower());
                w.decimal(row, col++, ci.upper());
            }
            nameWidth = Math.max(nameWidth, mm.model().length());
        }
        w.width(s, 0, nameWidth);
    }

    private static void pairs(WorkbookWriter w, ComparisonResult r) {
        List<String> head = new ArrayList<>(List.of("model_a", "model_b", "mcnemar_b", "mcnemar_c", "mcnemar_exact_p",
                "mcnemar_chi2_corrected", "mcnemar_chi2_p"));
        for (String m : ModelComparison.METRICS) {
            head.addAll(List.of("diff_" + m, "diff_" + m + "_lower", "diff_" + m + "_upper", "p_" + m));
        }
        Sheet s = w.sheet("pairwise_tests", head, 2);
        int at = 1;
        for (PairwiseComparison p : r.pairs()) {
            Row row = s.createRow(at++);
            w.text(row, 0, p.modelA());
            w.text(row, 1, p.modelB());
            w.integer(row, 2, p.mcnemar().b());
            w.integer(row, 3, p.mcnemar().c());
            // p-values in General format: a fixed four decimals would show 3.7E-05 as 0.0000.
            w.general(row, 4, p.mcnemar().exactP());
            w.decimal(row, 5, p.mcnemar().chiSquare());
            w.general(row, 6, p.mcnemar().chiSquareP());
            int col = 7;
            for (String m : ModelComparison.METRICS) {
                PairedDifference d = p.difference(m);
                w.decimal(row, col++, d.difference());
                w.decimal(row, col++, d.lower());
                w.decimal(row, col++, d.upper());
                w.general(row, col++, d.pValue());
            }
        }
    }

    private static void seedGroups(WorkbookWriter w, List<SeedGroupSummary> groups) {
        List<String> metrics = new ArrayList<>();
        for (SeedGroupSummary g : groups) {
            for (String m : g.metrics().keySet()) {
                if (!metrics.contains(m)) {
                    metrics.add(m);
                }
            }
        }
        List<String> head = new ArrayList<>(List.of("group", "runs", "seeds"));
        for (String m : metrics) {
            head.addAll(List.of(m + "_n", m + "_mean", m + "_std"));
        }
        Sheet s = w.sheet("seed_groups", head, 1);
        int at = 1;
        int groupWidth = 8;
        for (SeedGroupSummary g : groups) {
            Row row = s.createRow(at++);
            w.text(row, 0, g.group());
            w.text(row, 1, String.join(", ", g.runs()));
            w.text(row, 2, String.join(", ", g.seeds().stream().map(String::valueOf).toList()));
            int col = 3;
            for (String m : metrics) {
                MeanStd v = g.metrics().get(m);
                if (v == null) {
                    w.integer(row, col, 0);
                } else {
                    w.integer(row, col, v.n());
                    w.decimal(row, col + 1, v.mean());
                    w.decimal(row, col + 2, v.std());
                }
                col += 3;
            }
            groupWidth = Math.max(groupWidth, g.group().length());
        }
        w.width(s, 0, groupWidth);
        w.width(s, 1, 40);
    }

    private static void settings(WorkbookWriter w, ComparisonResult r) {
        Sheet s = w.sheet("settings", List.of("key", "value"), 0);
        Object[][] rows = {
            {"test_samples", r.samples()}, {"seed", r.seed()}, {"resamples", r.resamples()}, {"level", r.level()},
            {"intervals", "bootstrap percentile (numpy's linear quantiles), all models on the same resamples"},
            {"bootstrap_p", "two-sided, percentile-interval inversion: min(1, 2 (1 + min(#d<=0, #d>=0)) / (B + 1))"},
            {"mcnemar_exact_p", "two-sided exact binomial on the discordant pairs"},
            {"mcnemar_chi2_corrected", "max(0, |b - c| - 1)^2 / (b + c), chi-square with 1 df"},
            {"auc_ovr", "macro average of one-vs-rest ROC AUCs over classes with positives and negatives"}};
        int at = 1;
        for (Object[] kv : rows) {
            Row row = s.createRow(at++);
            w.text(row, 0, (String) kv[0]);
            if (kv[1] instanceof Number n) {
                w.general(row, 1, n.doubleValue());
            } else {
                w.text(row, 1, (String) kv[1]);
            }
        }
        w.width(s, 0, "mcnemar_chi2_corrected".length());
        w.width(s, 1, 60);
    }
}
