package io.runvault.jobs.train;

import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobService;
import io.runvault.training.EpochMetrics;
import io.runvault.training.TrainingListener;

/**
 * Shows each training step in the job's live progress and writes the job's position to the job
 * table: after every epoch with its metrics and, when {@code persistSteps}, between epochs at most
 * every five seconds. {@link Units} maps the trainer's (epoch, step) onto the job's own units
 * (a fold of a cross-validation, a trial of a study).
 */
public final class ProgressListener implements TrainingListener {

    /** Where a trainer's position is in the job's units. */
    public interface Units {

        JobProgress.Position step(int epoch, int step, int stepsPerEpoch);

        JobProgress.Position epochDone(int epoch, int stepsPerEpoch);
    }

    /** One training run is the whole job: its epochs are the job's. */
    public static final Units SAME = new Units() {
        @Override
        public JobProgress.Position step(int epoch, int step, int stepsPerEpoch) {
            return new JobProgress.Position(epoch, step, stepsPerEpoch);
        }

        @Override
        public JobProgress.Position epochDone(int epoch, int stepsPerEpoch) {
            return new JobProgress.Position(epoch, stepsPerEpoch, stepsPerEpoch);
        }
    };

    private final String jobId;
    private final JobService jobs;
    private final JobProgress progress;
    private final Units units;
    private final boolean persistSteps;
    private volatile int stepsPerEpoch;

    public ProgressListener(String jobId, JobService jobs, JobProgress progress, Units units, boolean persistSteps) {
        this.jobId = jobId;
        this.jobs = jobs;
        this.progress = progress;
        this.units = units;
        this.persistSteps = persistSteps;
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
        this.stepsPerEpoch = stepsPerEpoch;
        JobProgress.Position at = units.step(epoch, step, stepsPerEpoch);
        progress.step(at.epoch(), at.step(), at.stepsPerEpoch());
        if (persistSteps && progress.persistDue()) {
            jobs.progress(jobId, at.epoch(), at.step(), at.stepsPerEpoch(), null);
        }
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        JobProgress.Position at = units.epochDone(metrics.epoch(), stepsPerEpoch);
        jobs.progress(jobId, at.epoch(), at.step(), at.stepsPerEpoch(), metrics.asMap());
    }
}
