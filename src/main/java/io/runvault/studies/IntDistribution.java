package io.runvault.studies;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An integer parameter in [low, high] on the grid low, low + step, ...; {@code log} samples it
 * log-uniformly (then step must be 1 and low >= 1). External values are Longs.
 */
public record IntDistribution(long low, long high, boolean log, long step) implements Distribution {

    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("need low <= high, got [" + low + ", " + high + "]");
        }
        if (step < 1 || (log && step != 1)) {
            throw new IllegalArgumentException("step must be >= 1, and 1 for a log distribution");
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("a log distribution needs low >= 1, got " + low);
        }
        high = low + (high - low) / step * step;
    }

    public static IntDistribution of(long low, long high) {
        return new IntDistribution(low, high, false, 1);
    }

    @Override
    public double toInternal(Object external) {
        return ((Number) external).doubleValue();
    }

    @Override
    public Object toExternal(double internal) {
        return Math.round(internal);
    }

    @Override
    public boolean contains(Object external) {
        if (!(external instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            return false;
        }
        long v = n.longValue();
        return v >= low && v <= high && (v - low) % step == 0;
    }

    @Override
    public Map<String, Object> toOptunaJson() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("log", log);
        attributes.put("step", step);
        attributes.put("low", low);
        attributes.put("high", high);
        return Map.of("name", "IntDistribution", "attributes", attributes);
    }
}
