package io.runvault.evaluation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors of a reference model (the role AlexNet plays in ImageNet-C's mCE): its clean error
 * and its error per corruption and severity. Typically the current production model's robustness
 * run, read back from that run's metrics.
 */
public record ErrorBaseline(String name, double cleanError, Map<Corruption, Map<Integer, Double>> errors) {

    private static final Pattern ACCURACY_KEY = Pattern.compile("accuracy_([a-z_]+)_s([1-5])");

    public ErrorBaseline {
        if (!(cleanError >= 0 && cleanError <= 1)) {
            throw new IllegalArgumentException("clean error " + cleanError + " is not in [0, 1]");
        }
        Map<Corruption, Map<Integer, Double>> copy = new EnumMap<>(Corruption.class);
        errors.forEach((c, m) -> copy.put(c, Collections.unmodifiableMap(new TreeMap<>(m))));
        errors = Collections.unmodifiableMap(copy);
    }

    /** The baseline a robustness result gives. */
    public static ErrorBaseline of(String name, RobustnessResult result) {
        Map<Corruption, Map<Integer, Double>> errors = new EnumMap<>(Corruption.class);
        for (CorruptionAccuracy a : result.accuracies()) {
            errors.computeIfAbsent(a.corruption(), c -> new LinkedHashMap<>()).put(a.severity(), a.error());
        }
        return new ErrorBaseline(name, result.cleanError(), errors);
    }

    /**
     * The baseline in a robustness run's metrics ({@link RobustnessResult#metrics()}:
     * {@code clean_accuracy} and {@code accuracy_<corruption>_s<severity>}); other keys are ignored.
     */
    public static ErrorBaseline fromMetrics(String name, Map<String, Double> metrics) {
        Double clean = metrics.get("clean_accuracy");
        if (clean == null) {
            throw new IllegalArgumentException("the baseline's metrics have no clean_accuracy");
        }
        Map<Corruption, Map<Integer, Double>> errors = new EnumMap<>(Corruption.class);
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            Matcher m = ACCURACY_KEY.matcher(e.getKey());
            if (m.matches() && e.getValue() != null) {
                Corruption c;
                try {
                    c = Corruption.fromId(m.group(1));
                } catch (IllegalArgumentException unknown) {
                    continue; // a corruption this version does not know
                }
                errors.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(Integer.parseInt(m.group(2)), 1.0 - e.getValue());
            }
        }
        return new ErrorBaseline(name, 1.0 - clean, errors);
    }

    /** The baseline's error under a corruption at a severity; NaN when it was not measured. */
    public double error(Corruption corruption, int severity) {
        Map<Integer, Double> m = errors.get(corruption);
        Double e = m == null ? null : m.get(severity);
        return e == null ? Double.NaN : e;
    }
}
