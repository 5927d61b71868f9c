package io.runvault.jobs.train;

import io.runvault.jobs.JobProgress;
import io.runvault.training.TrainingListener;

/** Ends training when the job's stop flag is set (the trainer polls it before every step). */
public record StopListener(JobProgress progress) implements TrainingListener {

    @Override
    public boolean stopRequested() {
        return progress.stopRequested();
    }
}
