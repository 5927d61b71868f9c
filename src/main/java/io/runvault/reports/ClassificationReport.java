package io.runvault.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classification metrics of {@link Predictions}, as scikit-learn computes them with
 * {@code labels=range(K)}: the confusion matrix (rows true, columns predicted), per-class
 * precision, recall, F1 and support (0 where undefined, sklearn's zero_division default),
 * accuracy, macro and support-weighted averages, and one-vs-rest ROC AUC per class and macro
 * averaged. AUC is exact: the Mann-Whitney U statistic (ties count one half) over
 * positives x negatives. A class with no positive or no negative sample has no AUC (NaN) and is
 * left out of the macro AUC (sklearn refuses such input).
 */
public final class ClassificationReport {

    /** One class's row. {@code rocAuc} is NaN when the class has no positive or no negative sample. */
    public record ClassMetrics(String name, double precision, double recall, double f1, long support, double rocAuc) {
    }

    /** An averaged row; {@code support} is the total number of samples. */
    public record Average(double precision, double recall, double f1, long support) {
    }

    private final List<String> classNames;
    private final long[][] confusion;
    private final List<ClassMetrics> perClass;
    private final long total;
    private final double accuracy;
    private final Average macro;
    private final Average weighted;
    private final double macroRocAuc;

    private ClassificationReport(Predictions p) {
        classNames = p.classNames();
        int k = p.numClasses();
        int n = p.size();
        total = n;
        confusion = new long[k][k];
        long correct = 0;
        for (int i = 0; i < n; i++) {
            int t = p.trueLabel(i);
            int y = p.predicted(i);
            confusion[t][y]++;
            if (t == y) {
                correct++;
            }
        }
        accuracy = n == 0 ? 0.0 : (double) correct / n;
        List<ClassMetrics> rows = new ArrayList<>(k);
        double sp = 0, sr = 0, sf = 0, wp = 0, wr = 0, wf = 0, aucSum = 0;
        int aucCount = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long support = 0;
            long predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
            }
            double precision = predictedAs == 0 ? 0.0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0.0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            double auc = rocAuc(p, c);
            rows.add(new ClassMetrics(classNames.get(c), precision, recall, f1, support, auc));
            sp += precision;
            sr += recall;
            sf += f1;
            wp += precision * support;
            wr += recall * support;
            wf += f1 * support;
            if (!Double.isNaN(auc)) {
                aucSum += auc;
                aucCount++;
            }
        }
        perClass = List.copyOf(rows);
        macro = new Average(sp / k, sr / k, sf / k, n);
        weighted = n == 0 ? new Average(0, 0, 0, 0) : new Average(wp / n, wr / n, wf / n, n);
        macroRocAuc = aucCount == 0 ? Double.NaN : aucSum / aucCount;
    }

    /** Computes the report. */
    public static ClassificationReport of(Predictions predictions) {
        return new ClassificationReport(predictions);
    }

    /**
     * One-vs-rest ROC AUC of class c: U / (P x N) where U counts, over every positive/negative
     * pair, 1 when the positive scores higher and 1/2 on a tie (equal to the rank-sum formula
     * with average ranks for ties). Exact: 2U is accumulated as an integer.
     */
    static double rocAuc(Predictions p, int c) {
        int n = p.size();
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (p.trueLabel(i) == c) {
                positives++;
            }
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int a = 0, b = 0;
        for (int i = 0; i < n; i++) {
            double s = p.probability(i, c);
            if (p.trueLabel(i) == c) {
                pos[a++] = s;
            } else {
                neg[b++] = s;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twiceU = 0;
        int below = 0; // negatives strictly below the current positive score
        int upTo = 0;  // negatives <= the current positive score
        for (double s : pos) {
            while (below < negatives && neg[below] < s) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < negatives && neg[upTo] == s) {
                upTo++;
            }
            twiceU += 2L * below + (upTo - below);
        }
        return twiceU / (2.0 * positives * (double) negatives);
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The confusion matrix (a copy): {@code [true][predicted]} counts. */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /** The number of samples. */
    public long total() {
        return total;
    }

    public double accuracy() {
        return accuracy;
    }

    public Average macroAvg() {
        return macro;
    }

    public Average weightedAvg() {
        return weighted;
    }

    /** Macro average of the per-class one-vs-rest AUCs that are defined; NaN when none is. */
    public double macroRocAuc() {
        return macroRocAuc;
    }

    /** The text of sklearn's {@code classification_report(..., digits=2)}. */
    public String toText() {
        return toText(2);
    }

    /**
     * The text of sklearn's {@code classification_report(y_true, y_pred, labels=range(K),
     * target_names=classNames, digits=digits)}, rounding as Python does (half-even on the exact value).
     */
    public String toText(int digits) {
        if (digits < 0 || digits > 10) {
            throw new IllegalArgumentException("digits must be 0-10");
        }
        int width = "weighted avg".length();
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        width = Math.max(width, digits);
        StringBuilder out = new StringBuilder();
        out.append(pad("", width)).append(' ');
        for (String h : new String[] {"precision", "recall", "f1-score", "support"}) {
            out.append(' ').append(pad(h, 9));
        }
        out.append("\n\n");
        for (ClassMetrics m : perClass) {
            row(out, m.name(), width, digits, m.precision(), m.recall(), m.f1(), m.support());
        }
        out.append('\n');
        out.append(pad("accuracy", width)).append(' ')
                .append(' ').append(pad("", 9)).append(' ').append(pad("", 9))
                .append(' ').append(pad(fixed(accuracy, digits), 9))
                .append(' ').append(pad(Long.toString(total), 9)).append('\n');
        row(out, "macro avg", width, digits, macro.precision(), macro.recall(), macro.f1(), macro.support());
        row(out, "weighted avg", width, digits, weighted.precision(), weighted.recall(), weighted.f1(), weighted.support());
        return out.toString();
    }

    private static void row(StringBuilder out, String name, int width, int digits, double p, double r, double f, long support) {
        out.append(pad(name, width)).append(' ');
        for (double v : new double[] {p, r, f}) {
            out.append(' ').append(pad(fixed(v, digits), 9));
        }
        out.append(' ').append(pad(Long.toString(support), 9)).append('\n');
    }

    /** Right-aligns as Python's {@code {:>w}}. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Python's {@code {:.Nf}}: the exact binary value rounded half-even. */
    static String fixed(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
