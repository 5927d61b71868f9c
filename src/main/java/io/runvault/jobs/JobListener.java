package io.runvault.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The job-level listener of a job XML whose kind opens or settles an execution outside its steps
 * (see {@link JobKind#beforeJob} and {@link JobKind#afterJob}). Property: {@code jobId}.
 */
@Named("jobListener")
@Dependent
public class JobListener extends AbstractJobListener {

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    JobService jobs;

    @Override
    public void beforeJob() throws Exception {
        jobs.kind(jobs.get(jobId)).beforeJob(jobId, jobContext.getExecutionId());
    }

    @Override
    public void afterJob() {
        jobs.kind(jobs.get(jobId)).afterJob(jobId);
    }
}
