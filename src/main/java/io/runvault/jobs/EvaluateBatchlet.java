package io.runvault.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The batch step of an evaluation job (META-INF/batch-jobs/evaluate.xml); the work is in {@link EvaluateJobRunner}. */
@Named("evaluateBatchlet")
@Dependent
public class EvaluateBatchlet extends AbstractBatchlet {

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    EvaluateJobRunner runner;

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
