package io.runvault.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The batchlet of every step of every job XML: finds the job's kind in the job table and hands it
 * the step. Properties: {@code jobId}, and {@code partition} on a partitioned step. A stop sets the
 * job's stop flag, which the kind's work polls.
 */
@Named("jobBatchlet")
@Dependent
public class JobBatchlet extends AbstractBatchlet {

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    @BatchProperty(name = "partition")
    String partition;

    @Inject
    JobService jobs;

    @Inject
    LiveJobs live;

    @Override
    public String process() throws Exception {
        JobKind kind = jobs.kind(jobs.get(jobId));
        return kind.run(new JobKind.Step(jobId, jobContext.getExecutionId(), stepContext.getStepName(), partition));
    }

    @Override
    public void stop() {
        live.requestStop(jobId);
    }
}
