package io.runvault.evaluation;

/**
 * McNemar's test of two classifiers on the same test set (Dietterich 1998's recommendation for
 * comparing two models on one test set). Only the discordant pairs count: {@code b} samples
 * model A gets right and B wrong, {@code c} the reverse. Under the null both are equally likely.
 *
 * @param exactP two-sided exact binomial p-value: {@code min(1, 2 P(X <= min(b, c)))}, X ~ Bin(b + c, 1/2)
 * @param chiSquare the continuity-corrected statistic {@code max(0, |b - c| - 1)^2 / (b + c)}
 *     (Edwards), 0 when there are no discordant pairs; for reference next to the exact test
 * @param chiSquareP its p-value from the chi-square distribution with one degree of freedom
 */
public record McNemarTest(long b, long c, double exactP, double chiSquare, double chiSquareP) {

    /** The test on discordant counts. */
    public static McNemarTest of(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must not be negative, got b=" + b + ", c=" + c);
        }
        long n = b + c;
        if (n == 0) {
            return new McNemarTest(0, 0, 1.0, 0.0, 1.0);
        }
        double d = Math.max(0, Math.abs(b - c) - 1);
        double chi = d * d / n;
        return new McNemarTest(b, c, Math.min(1.0, 2 * binomialHalfCdf(Math.min(b, c), n)), chi, chiSquareOneDfUpper(chi));
    }

    /** The test on per-sample correctness of A and B (same samples, same order). */
    public static McNemarTest of(boolean[] aCorrect, boolean[] bCorrect) {
        if (aCorrect.length != bCorrect.length) {
            throw new IllegalArgumentException("the models were scored on " + aCorrect.length + " and "
                    + bCorrect.length + " samples");
        }
        long b = 0, c = 0;
        for (int i = 0; i < aCorrect.length; i++) {
            if (aCorrect[i] && !bCorrect[i]) {
                b++;
            } else if (!aCorrect[i] && bCorrect[i]) {
                c++;
            }
        }
        return of(b, c);
    }

    /**
     * P(X &lt;= k) for X ~ Bin(n, 1/2), summed in log space from the largest term so that n in the
     * millions neither underflows nor loses the small tail.
     */
    static double binomialHalfCdf(long k, long n) {
        if (k >= n) {
            return 1.0;
        }
        // log C(n, i) - n log 2 for i = 0..k, by the recurrence C(n, i) = C(n, i-1) (n - i + 1) / i.
        double[] logs = new double[(int) k + 1];
        double log = -n * Math.log(2);
        double max = log;
        logs[0] = log;
        for (int i = 1; i <= k; i++) {
            log += Math.log(n - i + 1) - Math.log(i);
            logs[i] = log;
            max = Math.max(max, log);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.min(1.0, Math.exp(max + Math.log(sum)));
    }

    /**
     * Upper tail of chi-square with one degree of freedom: the regularised upper incomplete gamma
     * Q(1/2, x/2), by its series below a + 1 and its continued fraction (modified Lentz) above.
     */
    static double chiSquareOneDfUpper(double x) {
        if (x <= 0) {
            return 1.0;
        }
        double a = 0.5;
        double z = x / 2;
        double logGammaA = 0.5 * Math.log(Math.PI);
        double prefix = Math.exp(-z + a * Math.log(z) - logGammaA);
        if (z < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 1000; n++) {
                term *= z / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return Math.max(0.0, 1.0 - prefix * sum);
        }
        double tiny = 1e-300;
        double bb = z + 1 - a;
        double cc = 1 / tiny;
        double dd = 1 / bb;
        double h = dd;
        for (int i = 1; i < 1000; i++) {
            double an = -i * (i - a);
            bb += 2;
            dd = an * dd + bb;
            if (Math.abs(dd) < tiny) {
                dd = tiny;
            }
            cc = bb + an / cc;
            if (Math.abs(cc) < tiny) {
                cc = tiny;
            }
            dd = 1 / dd;
            double delta = dd * cc;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return prefix * h;
    }
}
