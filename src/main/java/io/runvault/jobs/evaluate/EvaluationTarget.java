package io.runvault.jobs.evaluate;

import io.runvault.export.Normalization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluation kind's spec asks of the shared skeleton: which runs' models to open, through
 * which engine, on which images, and the kind's own settings for the frozen spec.
 *
 * @param kind the job kind ({@code evaluate}, {@code robustness}, {@code compare})
 * @param runs the runs whose models are scored, in the order they are scored
 * @param oneRun true when the spec names one run ({@code run}), false for a list ({@code runs})
 * @param scope the images, the engine asked for ({@code auto}, {@code onnx}, {@code djl}), the
 *     experiment and the seed
 * @param normalization preprocessing that overrides the models' own, or null
 * @param settings the kind's own members of the frozen spec, in their order (e.g. severities)
 */
record EvaluationTarget(String kind, List<String> runs, boolean oneRun, EvaluationScope scope,
                        Normalization normalization, Map<String, Object> settings) {

    EvaluationTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        runs = List.copyOf(runs);
        if (runs.isEmpty() || oneRun && runs.size() != 1) {
            throw new IllegalArgumentException(oneRun ? "one run is scored" : "at least one run is scored");
        }
        settings = new LinkedHashMap<>(settings);
    }

    /** A spec naming one run ({@code run}). */
    static EvaluationTarget ofRun(String kind, String run, EvaluationScope scope, Normalization normalization,
                                  Map<String, Object> settings) {
        return new EvaluationTarget(kind, List.of(run), true, scope, normalization, settings);
    }

    /** A spec naming several runs ({@code runs}), each scored with its own preprocessing. */
    static EvaluationTarget ofRuns(String kind, List<String> runs, EvaluationScope scope) {
        return new EvaluationTarget(kind, runs, false, scope, null, Map.of());
    }

    @Override
    public Map<String, Object> settings() {
        return new LinkedHashMap<>(settings);
    }
}
