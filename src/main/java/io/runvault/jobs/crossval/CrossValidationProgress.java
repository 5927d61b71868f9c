package io.runvault.jobs.crossval;

import io.runvault.jobs.JobProgress;
import io.runvault.jobs.train.ProgressListener;
import java.util.HashMap;
import java.util.Map;

/**
 * One job's progress over all its folds, in fold-epochs: those finished (by any fold, in this or an
 * earlier execution) plus the fractions of the epochs the running folds are in. Turned into the
 * (epoch, step) pair the job view computes percent and ETA from, as if the folds ran one after another.
 */
final class CrossValidationProgress {

    private final int totalEpochs;
    private final int epochsPerFold;
    private int finished;
    private int stepsPerEpoch;
    private final Map<Integer, Double> partial = new HashMap<>();

    CrossValidationProgress(int totalEpochs, int epochsPerFold, int completedFolds) {
        this.totalEpochs = totalEpochs;
        this.epochsPerFold = epochsPerFold;
        this.finished = completedFolds * epochsPerFold;
    }

    /** One fold's training in the job's units; counts the epochs the fold trained. */
    final class Fold implements ProgressListener.Units {

        private final int fold;
        private volatile int trained;

        Fold(int fold) {
            this.fold = fold;
        }

        @Override
        public JobProgress.Position step(int epoch, int step, int steps) {
            return CrossValidationProgress.this.step(fold, step, steps);
        }

        @Override
        public JobProgress.Position epochDone(int epoch, int steps) {
            trained = epoch;
            return CrossValidationProgress.this.epochDone(fold);
        }

        /** The fold committed its run (early stopping may leave epochs untrained: they count as done). */
        void done() {
            foldDone(fold, trained);
        }

        /** The fold stopped or failed: its partial epoch is not progress. */
        void abandoned() {
            foldAbandoned(fold, trained);
        }
    }

    Fold fold(int fold) {
        return new Fold(fold);
    }

    synchronized JobProgress.Position step(int fold, int step, int steps) {
        stepsPerEpoch = steps;
        partial.put(fold, steps == 0 ? 0 : (double) step / steps);
        return position();
    }

    synchronized JobProgress.Position epochDone(int fold) {
        finished++;
        partial.remove(fold);
        return position();
    }

    /** A fold ended (early stopping may leave epochs untrained: they count as done). */
    synchronized JobProgress.Position foldDone(int fold, int epochsTrained) {
        finished += Math.max(0, epochsPerFold - epochsTrained);
        partial.remove(fold);
        return position();
    }

    /** A fold stopped or failed: its partial epoch is not progress. */
    synchronized void foldAbandoned(int fold, int epochsTrained) {
        finished -= epochsTrained;
        partial.remove(fold);
    }

    synchronized JobProgress.Position position() {
        double done = finished + partial.values().stream().mapToDouble(Double::doubleValue).sum();
        int steps = Math.max(stepsPerEpoch, 1);
        if (done >= totalEpochs) {
            return new JobProgress.Position(totalEpochs, stepsPerEpoch, stepsPerEpoch);
        }
        int whole = (int) Math.floor(done);
        return new JobProgress.Position(whole + 1, (int) Math.round((done - whole) * steps), stepsPerEpoch);
    }
}
