package io.runvault.evaluation;

import io.runvault.reports.SampleImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A robustness test's outcome: the clean accuracy, the accuracy under every corruption and
 * severity tried (ordered by corruption, then severity), and for the sample grids a few test
 * images clean and corrupted at each severity with the model's prediction on each.
 *
 * @param cleanSamples the sample images as they are, with the model's predictions
 * @param corruptedSamples per corruption, the same images at each severity in turn (severity-major)
 */
public record RobustnessResult(
        List<String> classNames,
        long seed,
        long cleanCorrect,
        long samples,
        List<CorruptionAccuracy> accuracies,
        List<SampleImage> cleanSamples,
        Map<Corruption, List<SampleImage>> corruptedSamples) {

    public RobustnessResult {
        classNames = List.copyOf(classNames);
        accuracies = List.copyOf(accuracies);
        cleanSamples = List.copyOf(cleanSamples);
        Map<Corruption, List<SampleImage>> copy = new LinkedHashMap<>();
        corruptedSamples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        corruptedSamples = java.util.Collections.unmodifiableMap(copy);
        if (samples <= 0 || cleanCorrect < 0 || cleanCorrect > samples) {
            throw new IllegalArgumentException(cleanCorrect + " correct of " + samples);
        }
        for (CorruptionAccuracy a : accuracies) {
            if (a.total() != samples) {
                throw new IllegalArgumentException(a + " counts " + a.total() + " images, not " + samples);
            }
        }
        long severities = accuracies.stream().map(CorruptionAccuracy::severity).distinct().count();
        for (Map.Entry<Corruption, List<SampleImage>> e : corruptedSamples.entrySet()) {
            if (e.getValue().size() != cleanSamples.size() * severities) {
                throw new IllegalArgumentException(e.getKey() + " has " + e.getValue().size()
                        + " sample images, expected " + cleanSamples.size() + " x " + severities);
            }
        }
    }

    public double cleanAccuracy() {
        return (double) cleanCorrect / samples;
    }

    public double cleanError() {
        return 1.0 - cleanAccuracy();
    }

    /** The corruptions tried, in order. */
    public List<Corruption> corruptions() {
        LinkedHashSet<Corruption> out = new LinkedHashSet<>();
        accuracies.forEach(a -> out.add(a.corruption()));
        return List.copyOf(out);
    }

    /** The severities tried, ascending. */
    public List<Integer> severities() {
        return accuracies.stream().map(CorruptionAccuracy::severity).distinct().sorted().toList();
    }

    /** The accuracies of one corruption, by ascending severity. */
    public List<CorruptionAccuracy> of(Corruption corruption) {
        List<CorruptionAccuracy> out = new ArrayList<>();
        for (CorruptionAccuracy a : accuracies) {
            if (a.corruption() == corruption) {
                out.add(a);
            }
        }
        out.sort(java.util.Comparator.comparingInt(CorruptionAccuracy::severity));
        return out;
    }

    /** The accuracy under a corruption at a severity; NaN when that pair was not tried. */
    public double accuracy(Corruption corruption, int severity) {
        for (CorruptionAccuracy a : accuracies) {
            if (a.corruption() == corruption && a.severity() == severity) {
                return a.accuracy();
            }
        }
        return Double.NaN;
    }

    /**
     * The share of the clean accuracy lost: {@code (clean - corrupted) / clean}; negative when the
     * corruption helps, NaN when the clean accuracy is 0.
     */
    public double relativeDrop(Corruption corruption, int severity) {
        double clean = cleanAccuracy();
        return clean == 0 ? Double.NaN : (clean - accuracy(corruption, severity)) / clean;
    }

    /** The mean accuracy of a corruption over its severities. */
    public double meanAccuracy(Corruption corruption) {
        return of(corruption).stream().mapToDouble(CorruptionAccuracy::accuracy).average().orElse(Double.NaN);
    }

    /**
     * Flat metrics for a run record: {@code clean_accuracy}, {@code accuracy_<corruption>_s<severity>},
     * {@code relative_drop_<corruption>_s<severity>}, and what {@link CorruptionErrors#metrics()}
     * adds for the model's own clean error. {@link ErrorBaseline#fromMetrics} reads them back.
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("clean_accuracy", cleanAccuracy());
        for (CorruptionAccuracy a : accuracies) {
            m.put(key("accuracy", a.corruption(), a.severity()), a.accuracy());
        }
        for (CorruptionAccuracy a : accuracies) {
            m.put(key("relative_drop", a.corruption(), a.severity()), relativeDrop(a.corruption(), a.severity()));
        }
        m.putAll(CorruptionErrors.of(this, null).metrics());
        return m;
    }

    static String key(String prefix, Corruption corruption, int severity) {
        return prefix + "_" + corruption.id() + "_s" + severity;
    }

    @Override
    public String toString() {
        return "RobustnessResult[" + samples + " images, clean accuracy " + cleanAccuracy() + ", "
                + accuracies.size() + " corruption x severity cells]";
    }
}
