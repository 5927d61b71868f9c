package io.runvault.studies;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real-valued parameter in [low, high]: uniform, log-uniform ({@code log}, bounds > 0), or on the
 * grid low, low + step, ... ({@code step}, not with log). Construct through {@link SearchSpace} for
 * validated input; the constructor only rejects what could never be sampled.
 */
public record FloatDistribution(double low, double high, boolean log, Double step) implements Distribution {

    public FloatDistribution {
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("need finite low <= high, got [" + low + ", " + high + "]");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log distribution needs low > 0, got " + low);
        }
        if (step != null && (log || !(step > 0))) {
            throw new IllegalArgumentException("step must be > 0 and cannot go with log");
        }
        if (step != null) {
            // Optuna trims high to the last point of the grid.
            double n = Math.floor((high - low) / step + 1e-9);
            high = low + n * step;
        }
    }

    public static FloatDistribution uniform(double low, double high) {
        return new FloatDistribution(low, high, false, null);
    }

    public static FloatDistribution logUniform(double low, double high) {
        return new FloatDistribution(low, high, true, null);
    }

    @Override
    public double toInternal(Object external) {
        return ((Number) external).doubleValue();
    }

    @Override
    public Object toExternal(double internal) {
        return internal;
    }

    @Override
    public boolean contains(Object external) {
        if (!(external instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step == null) {
            return true;
        }
        double k = (v - low) / step;
        return Math.abs(k - Math.rint(k)) < 1e-8;
    }

    @Override
    public Map<String, Object> toOptunaJson() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("step", step);
        attributes.put("low", low);
        attributes.put("high", high);
        attributes.put("log", log);
        return Map.of("name", "FloatDistribution", "attributes", attributes);
    }
}
