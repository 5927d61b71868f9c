package io.runvault.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The batch step of a robustness job (META-INF/batch-jobs/robustness.xml); the work is in {@link RobustnessJobRunner}. */
@Named("robustnessBatchlet")
@Dependent
public class RobustnessBatchlet extends AbstractBatchlet {

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    RobustnessJobRunner runner;

    @Inject
    LiveJobs live;

    @Override
    public String process() throws Exception {
        return runner.run(jobId, jobContext.getExecutionId());
    }

    @Override
    public void stop() {
        live.requestStop(jobId);
    }
}
