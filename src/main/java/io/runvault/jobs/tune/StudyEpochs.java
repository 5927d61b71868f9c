package io.runvault.jobs.tune;

import io.runvault.jobs.JobProgress;
import io.runvault.jobs.train.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tuning job's progress in epochs over all its trials (and the final retraining): each finished
 * epoch of any trial counts one, and a trial that ended early counts the epochs it did not train.
 * The job view shows these as epochs of one step each.
 */
record StudyEpochs(AtomicInteger done) implements ProgressListener.Units {

    @Override
    public JobProgress.Position step(int epoch, int step, int stepsPerEpoch) {
        return new JobProgress.Position(done.get() + 1, step, stepsPerEpoch);
    }

    @Override
    public JobProgress.Position epochDone(int epoch, int stepsPerEpoch) {
        return new JobProgress.Position(done.incrementAndGet(), 1, 1);
    }
}
