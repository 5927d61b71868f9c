package io.runvault.studies;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a study figure: maps a parameter value (or an objective value) to [0, 1] and gives the
 * tick marks. Numbers span their distribution's range (log10 for log distributions); a categorical
 * parameter spans its choices, evenly spaced in declaration order, so numeric and string choices
 * mix freely.
 */
final class ParamScale {

    /** A tick: where on the axis (0 to 1) and its label. */
    record Tick(double unit, String label) {}

    private final String label;
    private final boolean log;
    private final CategoricalDistribution categorical;
    private final double lo;
    private final double hi;

    private ParamScale(String label, boolean log, CategoricalDistribution categorical, double lo, double hi) {
        this.label = label;
        this.log = log;
        this.categorical = categorical;
        this.lo = lo;
        this.hi = hi;
    }

    /** The axis of a parameter over its whole distribution. */
    static ParamScale of(String name, Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return new ParamScale(name, false, c, 0, c.choices().size() - 1);
        }
        if (d instanceof IntDistribution i) {
            return i.log() ? new ParamScale(name, true, null, Math.log10(i.low()), Math.log10(i.high()))
                    : new ParamScale(name, false, null, i.low(), i.high());
        }
        FloatDistribution f = (FloatDistribution) d;
        return f.log() ? new ParamScale(name, true, null, Math.log10(f.low()), Math.log10(f.high()))
                : new ParamScale(name, false, null, f.low(), f.high());
    }

    /** A linear axis over [min, max] (an objective value's range). */
    static ParamScale linear(String label, double min, double max) {
        return new ParamScale(label, false, null, min, max);
    }

    String label() {
        return label;
    }

    boolean isLog() {
        return log;
    }

    boolean isCategorical() {
        return categorical != null;
    }

    /**
     * Where an external value lies on the axis, in [0, 1]; the middle when the range is a single point;
     * NaN when the value does not belong to the axis (missing, a choice not in the list, non-finite).
     */
    double unit(Object external) {
        double t;
        if (categorical != null) {
            if (!categorical.contains(external)) {
                return Double.NaN;
            }
            t = categorical.toInternal(external);
        } else {
            if (!(external instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                return Double.NaN;
            }
            double v = n.doubleValue();
            if (log && v <= 0) {
                return Double.NaN;
            }
            t = log ? Math.log10(v) : v;
        }
        return hi > lo ? (t - lo) / (hi - lo) : 0.5;
    }

    /** The value at a position of a numeric axis (inverse of {@link #unit}). */
    double valueAt(double unit) {
        double t = hi > lo ? lo + unit * (hi - lo) : lo;
        return log ? Math.pow(10, t) : t;
    }

    /** About {@code approx} ticks: every choice of a categorical, nice steps, or decades of a log axis. */
    List<Tick> ticks(int approx) {
        List<Tick> ticks = new ArrayList<>();
        if (categorical != null) {
            List<Object> choices = categorical.choices();
            for (int i = 0; i < choices.size(); i++) {
                ticks.add(new Tick(choices.size() == 1 ? 0.5 : (double) i / (choices.size() - 1), choice(choices.get(i))));
            }
            return ticks;
        }
        if (!(hi > lo)) {
            ticks.add(new Tick(0.5, number(log ? Math.pow(10, lo) : lo)));
            return ticks;
        }
        if (log) {
            int first = (int) Math.ceil(lo - 1e-9);
            int last = (int) Math.floor(hi + 1e-9);
            if (last - first + 1 >= 2) {
                int every = Math.max(1, (last - first + 1 + approx - 1) / approx);
                for (int e = first; e <= last; e += every) {
                    ticks.add(new Tick((e - lo) / (hi - lo), number(Math.pow(10, e))));
                }
                return ticks;
            }
            // Less than a decade wide: the ends and the geometric middle.
            for (double u : new double[] {0, 0.5, 1}) {
                ticks.add(new Tick(u, number(valueAt(u))));
            }
            return ticks;
        }
        double step = io.runvault.reports.Figures.niceStep(hi - lo, approx);
        double start = Math.ceil(lo / step - 1e-9) * step;
        for (double v = start; v <= hi + step * 1e-9; v += step) {
            double snapped = Math.abs(v) < step * 1e-9 ? 0 : v;
            ticks.add(new Tick((snapped - lo) / (hi - lo), number(snapped)));
        }
        return ticks;
    }

    /** A choice as users wrote it in the search space: strings as-is, numbers compact, JSON's null/true/false. */
    static String choice(Object c) {
        if (c == null) {
            return "null";
        }
        if (c instanceof Double || c instanceof Float) {
            return number(((Number) c).doubleValue());
        }
        return String.valueOf(c);
    }

    /** A number in at most 4 significant digits: plain between 1e-3 and 1e5, else scientific ("1e-05"). */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v); // 1.00e-05
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("\\.?0+$", "");
        String exponent = s.substring(s.indexOf('e') + 1);
        return mantissa + "e" + exponent;
    }
}
