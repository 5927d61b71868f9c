package io.runvault.training;

import java.util.ArrayList;
import java.util.List;

/**
 * What a training has achieved so far: the epochs' metrics, the best epoch by the spec's selection
 * metric with its parameters, and whether the patience ran out. Starts empty or from a checkpoint.
 */
final class TrainingProgress {

    private final TrainingSpec spec;
    private final int resumedFrom;
    private final List<EpochMetrics> history = new ArrayList<>();
    private final List<Double> epochSeconds = new ArrayList<>();
    private int bestEpoch;
    private byte[] bestParameters;
    private boolean earlyStopped;

    TrainingProgress(TrainingSpec spec, Checkpoint resume) {
        this.spec = spec;
        this.resumedFrom = resume == null ? 0 : resume.epoch();
        if (resume != null) {
            history.addAll(resume.history());
            bestEpoch = resume.bestEpoch();
            bestParameters = resume.bestParameters();
            earlyStopped = patienceRanOut(resume.epoch());
        }
    }

    /** The first epoch still to train. */
    int firstEpoch() {
        return resumedFrom + 1;
    }

    /** Whether {@code epoch} is to be trained: within the spec's epochs and the patience. */
    boolean goesOnTo(int epoch) {
        return epoch <= spec.epochs() && !earlyStopped;
    }

    /** Adds an epoch's metrics, taking its parameters as the best when its selection metric is better. */
    void record(EpochMetrics metrics, byte[] parameters) {
        history.add(metrics);
        epochSeconds.add(metrics.seconds());
        if (bestEpoch == 0 || score(metrics) > score(history.get(bestEpoch - 1))) {
            bestEpoch = metrics.epoch();
            bestParameters = parameters;
        }
        earlyStopped = metrics.epoch() < spec.epochs() && patienceRanOut(metrics.epoch());
    }

    /** The state after {@code epoch}, from which a run can resume. */
    Checkpoint checkpoint(int epoch, byte[] parameters, byte[] optimizerState) {
        return new Checkpoint(spec.architecture().externalName(), epoch, parameters, optimizerState, bestEpoch,
                bestParameters, history);
    }

    byte[] bestParameters() {
        if (bestParameters == null) {
            throw new IllegalStateException("no epoch was trained");
        }
        return bestParameters;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    boolean earlyStopped() {
        return earlyStopped;
    }

    int resumedFrom() {
        return resumedFrom;
    }

    List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    List<Double> epochSeconds() {
        return List.copyOf(epochSeconds);
    }

    private boolean patienceRanOut(int epoch) {
        return spec.patience() > 0 && epoch - bestEpoch >= spec.patience();
    }

    private double score(EpochMetrics m) {
        double v = m.metric(spec.selectionMetric());
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
