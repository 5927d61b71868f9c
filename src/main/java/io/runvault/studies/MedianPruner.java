package io.runvault.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Optuna's MedianPruner (its PercentilePruner at 50): prunes a trial whose best intermediate value so
 * far is worse than the median of the COMPLETE trials' values at the same step. Nothing is pruned
 * before {@code nStartupTrials} trials have completed, before step {@code nWarmupSteps}, off the
 * {@code intervalSteps} grid, or when fewer than {@code nMinTrials} completed trials reported that step.
 * A trial whose intermediate values are all NaN is pruned.
 */
public record MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials)
        implements Pruner {

    public MedianPruner {
        if (nStartupTrials < 0 || nWarmupSteps < 0 || intervalSteps < 1 || nMinTrials < 1) {
            throw new IllegalArgumentException("need nStartupTrials >= 0, nWarmupSteps >= 0, intervalSteps >= 1, nMinTrials >= 1");
        }
    }

    /** Optuna's defaults: 5 startup trials, no warm-up, every step, one trial at the step. */
    public MedianPruner() {
        this(5, 0, 1, 1);
    }

    @Override
    public Decision decide(Trial trial, List<Trial> trials, Direction direction) {
        List<Trial> completed = trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.number() != trial.number()).toList();
        if (completed.isEmpty() || completed.size() < nStartupTrials) {
            return Decision.keep();
        }
        int step = trial.lastStep();
        if (step < 0 || step < nWarmupSteps || !firstInInterval(trial, step)) {
            return Decision.keep();
        }
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.better(v, best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return Decision.stop();
        }
        List<Double> atStep = new ArrayList<>();
        for (Trial t : completed) {
            Double v = t.intermediateValues().get(step);
            if (v != null) {
                atStep.add(v);
            }
        }
        if (atStep.size() < nMinTrials) {
            return Decision.keep();
        }
        double median = nanMedian(atStep);
        if (Double.isNaN(median)) {
            return Decision.keep();
        }
        return new Decision(direction == Direction.MAXIMIZE ? best < median : best > median, java.util.Map.of());
    }

    /** Whether no earlier report of this trial already fell in the same interval (Optuna's check). */
    private boolean firstInInterval(Trial trial, int step) {
        int nearestLower = (step - nWarmupSteps) / intervalSteps * intervalSteps + nWarmupSteps;
        int secondLast = -1;
        for (int s : trial.intermediateValues().keySet()) {
            if (s > secondLast && s != step) {
                secondLast = s;
            }
        }
        return secondLast < nearestLower;
    }

    /** numpy's nanpercentile(values, 50) with linear interpolation. */
    static double nanMedian(List<Double> values) {
        double[] v = values.stream().filter(x -> !x.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        double pos = 0.5 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
