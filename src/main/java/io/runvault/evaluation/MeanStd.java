package io.runvault.evaluation;

/** The mean and the sample standard deviation (n - 1 in the denominator; NaN below two values) of n values. */
public record MeanStd(int n, double mean, double std) {

    public static MeanStd of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new MeanStd(0, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        return new MeanStd(n, mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)));
    }
}
