package io.runvault.studies;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial of a study, as Optuna models it. Immutable: the transitions return a new record.
 *
 * @param number 0-based position in the study
 * @param state where it is in its life
 * @param params external parameter values, in search-space order
 * @param distributions the distribution each parameter was drawn from
 * @param value the objective value of a COMPLETE trial; for a PRUNED one, its last intermediate value
 *     (as Optuna records it), or null when it reported none
 * @param intermediateValues per-step values (for training: the objective metric after each epoch)
 * @param datetimeStart when it started running (null while WAITING)
 * @param datetimeComplete when it finished (null unless COMPLETE, PRUNED or FAIL)
 * @param failureReason why a FAIL trial failed, else null
 * @param systemAttributes bookkeeping that samplers and pruners keep per trial (successive halving's
 *     {@code completed_rung_N}); exported to Optuna's trial_system_attributes
 */
public record Trial(
        int number,
        TrialState state,
        Map<String, Object> params,
        Map<String, Distribution> distributions,
        Double value,
        SortedMap<Integer, Double> intermediateValues,
        Instant datetimeStart,
        Instant datetimeComplete,
        String failureReason,
        Map<String, Object> systemAttributes) {

    public Trial {
        Objects.requireNonNull(state, "state");
        if (number < 0) {
            throw new IllegalArgumentException("trial number must be >= 0");
        }
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        distributions = distributions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        if (!params.keySet().equals(distributions.keySet())) {
            throw new IllegalArgumentException("every parameter needs its distribution: " + params.keySet()
                    + " vs " + distributions.keySet());
        }
        for (Map.Entry<String, Object> p : params.entrySet()) {
            if (!distributions.get(p.getKey()).contains(p.getValue())) {
                throw new IllegalArgumentException(p.getKey() + " = " + p.getValue() + " is outside its distribution");
            }
        }
        intermediateValues = Collections.unmodifiableSortedMap(
                new TreeMap<>(intermediateValues == null ? Map.of() : intermediateValues));
        systemAttributes = systemAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(systemAttributes));
        if (state == TrialState.COMPLETE && value == null) {
            throw new IllegalArgumentException("a COMPLETE trial needs a value");
        }
    }

    /** A trial that has its parameters and starts now. */
    public static Trial running(int number, Map<String, Object> params, SearchSpace space, Instant start) {
        Map<String, Distribution> d = new LinkedHashMap<>();
        for (String name : params.keySet()) {
            d.put(name, space.get(name));
        }
        return new Trial(number, TrialState.RUNNING, params, d, null, null, start, null, null, null);
    }

    /** The same trial with the value of one more step (a later report for the same step replaces it). */
    public Trial report(int step, double value) {
        requireState(TrialState.RUNNING);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0");
        }
        TreeMap<Integer, Double> iv = new TreeMap<>(intermediateValues);
        iv.put(step, value);
        return new Trial(number, state, params, distributions, this.value, iv, datetimeStart, null, null, systemAttributes);
    }

    public Trial withSystemAttributes(Map<String, Object> more) {
        Map<String, Object> attrs = new LinkedHashMap<>(systemAttributes);
        attrs.putAll(more);
        return new Trial(number, state, params, distributions, value, intermediateValues, datetimeStart,
                datetimeComplete, failureReason, attrs);
    }

    /** Complete with the objective value; a NaN value fails the trial instead, as in Optuna. */
    public Trial complete(double value, Instant at) {
        requireState(TrialState.RUNNING);
        if (Double.isNaN(value)) {
            return fail("the objective value is NaN", at);
        }
        return new Trial(number, TrialState.COMPLETE, params, distributions, value, intermediateValues,
                datetimeStart, at, null, systemAttributes);
    }

    /** Pruned: Optuna records the last intermediate value as the trial's value. */
    public Trial prune(Instant at) {
        requireState(TrialState.RUNNING);
        Double last = intermediateValues.isEmpty() ? null : intermediateValues.get(intermediateValues.lastKey());
        return new Trial(number, TrialState.PRUNED, params, distributions, last, intermediateValues,
                datetimeStart, at, null, systemAttributes);
    }

    public Trial fail(String reason, Instant at) {
        requireState(TrialState.RUNNING);
        return new Trial(number, TrialState.FAIL, params, distributions, null, intermediateValues,
                datetimeStart, at, reason, systemAttributes);
    }

    /** The last step with a reported value, or -1 when none was reported. */
    public int lastStep() {
        return intermediateValues.isEmpty() ? -1 : intermediateValues.lastKey();
    }

    private void requireState(TrialState expected) {
        if (state != expected) {
            throw new IllegalStateException("trial " + number + " is " + state + ", not " + expected);
        }
    }
}
