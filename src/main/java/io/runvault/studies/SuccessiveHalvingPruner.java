package io.runvault.studies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optuna's SuccessiveHalvingPruner (asynchronous successive halving). Rung r is reached at step
 * {@code minResource * reductionFactor^(minEarlyStoppingRate + r)}; a trial reaching it records its
 * value there (system attribute {@code completed_rung_<r>}) and goes on only if that value is in the
 * top 1/reductionFactor of the values recorded at that rung so far (itself included); else it is
 * pruned. With {@code minResource} null ("auto", Optuna's default) it is the largest last step of the
 * COMPLETE trials divided by 100 (at least 1), and nothing is pruned before a trial has completed.
 */
public record SuccessiveHalvingPruner(Integer minResource, int reductionFactor, int minEarlyStoppingRate,
        int bootstrapCount) implements Pruner {

    public SuccessiveHalvingPruner {
        if (minResource != null && minResource < 1) {
            throw new IllegalArgumentException("minResource must be >= 1 (or null for auto)");
        }
        if (reductionFactor < 2 || minEarlyStoppingRate < 0 || bootstrapCount < 0) {
            throw new IllegalArgumentException("need reductionFactor >= 2, minEarlyStoppingRate >= 0, bootstrapCount >= 0");
        }
        if (bootstrapCount > 0 && minResource == null) {
            throw new IllegalArgumentException("bootstrapCount > 0 needs an explicit minResource");
        }
    }

    /** Optuna's defaults: auto minimum resource, reduction factor 4, no early-stopping rate offset. */
    public SuccessiveHalvingPruner() {
        this(null, 4, 0, 0);
    }

    static String rungKey(int rung) {
        return "completed_rung_" + rung;
    }

    @Override
    public Decision decide(Trial trial, List<Trial> trials, Direction direction) {
        int step = trial.lastStep();
        if (step < 0) {
            return Decision.keep();
        }
        int rung = 0;
        while (trial.systemAttributes().containsKey(rungKey(rung))) {
            rung++;
        }
        double value = trial.intermediateValues().get(step);
        Integer resource = minResource != null ? minResource : estimateMinResource(trials);
        if (resource == null) {
            return Decision.keep();
        }
        Map<String, Object> recorded = new LinkedHashMap<>();
        while (true) {
            double promotionStep = resource * Math.pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step < promotionStep) {
                return new Decision(false, recorded);
            }
            if (Double.isNaN(value)) {
                return new Decision(true, recorded);
            }
            String key = rungKey(rung);
            recorded.put(key, value);
            List<Double> competing = new ArrayList<>();
            for (Trial t : trials) {
                if (t.number() != trial.number() && t.systemAttributes().get(key) instanceof Number n) {
                    competing.add(n.doubleValue());
                }
            }
            competing.add(value);
            if (competing.size() <= bootstrapCount || !promotable(value, competing, direction)) {
                return new Decision(true, recorded);
            }
            rung++;
        }
    }

    private boolean promotable(double value, List<Double> competing, Direction direction) {
        int idx = competing.size() / reductionFactor - 1;
        if (idx == -1) {
            idx = 0;
        }
        Collections.sort(competing);
        return direction == Direction.MAXIMIZE
                ? value >= competing.get(competing.size() - 1 - idx)
                : value <= competing.get(idx);
    }

    private static Integer estimateMinResource(List<Trial> trials) {
        int last = -1;
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETE) {
                last = Math.max(last, t.lastStep());
            }
        }
        return last < 0 ? null : Math.max(last / 100, 1);
    }
}
