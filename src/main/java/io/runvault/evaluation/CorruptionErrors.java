package io.runvault.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Corruption errors (CE) and their mean (mCE) after Hendrycks &amp; Dietterich (ICLR 2019).
 *
 * <p>With a {@link ErrorBaseline baseline} (their AlexNet role) the definitions are theirs, E
 * being top-1 error and the sums over the severities tried:
 * <pre>
 * CE_c          = sum_s E_{s,c} / sum_s B_{s,c}
 * relative CE_c = sum_s (E_{s,c} - E_clean) / sum_s (B_{s,c} - B_clean)
 * </pre>
 * Without one, the model is measured against its own clean error, so 1.0 means "no worse than
 * clean" and the figures compare across models without a shared reference:
 * <pre>
 * CE_c          = mean_s E_{s,c} / E_clean
 * relative CE_c = mean_s (E_{s,c} - E_clean) / E_clean  (= CE_c - 1)
 * </pre>
 * mCE and relative mCE average over the corruptions. A zero denominator gives NaN (a model with no
 * clean error has no own-error CE). Every corruption also gets its mean accuracy and mean relative
 * accuracy drop, which need no reference.
 *
 * @param baseline the baseline's name, or null when measured against the model's own clean error
 */
public record CorruptionErrors(String baseline, List<Entry> perCorruption, double mce, double relativeMce) {

    /** One corruption's row. */
    public record Entry(Corruption corruption, double meanAccuracy, double meanRelativeDrop, double ce, double relativeCe) {
    }

    public CorruptionErrors {
        perCorruption = List.copyOf(perCorruption);
    }

    /** The errors of a result, against the baseline when given (null: the model's own clean error). */
    public static CorruptionErrors of(RobustnessResult result, ErrorBaseline baseline) {
        List<Entry> rows = new ArrayList<>();
        double clean = result.cleanError();
        for (Corruption c : result.corruptions()) {
            List<CorruptionAccuracy> cells = result.of(c);
            double sumE = 0, sumRel = 0, sumB = 0, sumBRel = 0, sumAcc = 0, sumDrop = 0;
            for (CorruptionAccuracy a : cells) {
                sumE += a.error();
                sumRel += a.error() - clean;
                sumAcc += a.accuracy();
                sumDrop += result.relativeDrop(c, a.severity());
                if (baseline != null) {
                    double b = baseline.error(c, a.severity());
                    if (Double.isNaN(b)) {
                        throw new IllegalArgumentException("baseline " + baseline.name() + " has no error for "
                                + c.id() + " at severity " + a.severity());
                    }
                    sumB += b;
                    sumBRel += b - baseline.cleanError();
                }
            }
            int n = cells.size();
            double ce = baseline == null ? ratio(sumE / n, clean) : ratio(sumE, sumB);
            double rel = baseline == null ? ratio(sumRel / n, clean) : ratio(sumRel, sumBRel);
            rows.add(new Entry(c, sumAcc / n, sumDrop / n, ce, rel));
        }
        return new CorruptionErrors(baseline == null ? null : baseline.name(), rows,
                rows.stream().mapToDouble(Entry::ce).average().orElse(Double.NaN),
                rows.stream().mapToDouble(Entry::relativeCe).average().orElse(Double.NaN));
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /** What the errors are relative to, for tables and titles. */
    public String reference() {
        return baseline == null ? "the model's own clean error" : "baseline " + baseline;
    }

    /**
     * Flat metrics: {@code mce}, {@code relative_mce}, {@code ce_<corruption>},
     * {@code relative_ce_<corruption>}, {@code mean_accuracy_<corruption>}; with a baseline the CE
     * keys end in {@code _vs_baseline} so both kinds can sit in one run.
     */
    public Map<String, Double> metrics() {
        String suffix = baseline == null ? "" : "_vs_baseline";
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mce" + suffix, mce);
        m.put("relative_mce" + suffix, relativeMce);
        for (Entry e : perCorruption) {
            m.put("ce_" + e.corruption().id() + suffix, e.ce());
            m.put("relative_ce_" + e.corruption().id() + suffix, e.relativeCe());
            if (baseline == null) {
                m.put("mean_accuracy_" + e.corruption().id(), e.meanAccuracy());
            }
        }
        return m;
    }
}
