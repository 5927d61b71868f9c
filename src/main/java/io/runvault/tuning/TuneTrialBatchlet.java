package io.runvault.tuning;

import io.runvault.jobs.LiveJobs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One partition of a tuning job's trials step (META-INF/batch-jobs/tune.xml). */
@Named("tuneTrialBatchlet")
@Dependent
public class TuneTrialBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    @BatchProperty(name = "partition")
    String partition;

    @Inject
    TuneJobRunner runner;

    @Inject
    LiveJobs live;

    @Override
    public String process() {
        return runner.trials(jobId, partition == null ? 0 : Integer.parseInt(partition));
    }

    @Override
    public void stop() {
        live.requestStop(jobId);
    }
}
