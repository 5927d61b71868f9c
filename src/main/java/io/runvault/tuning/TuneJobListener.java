package io.runvault.tuning;

import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobService;
import io.runvault.jobs.JobState;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Opens each execution of a tuning job (study, data) and records how it ended when no step did. */
@Named("tuneJobListener")
@Dependent
public class TuneJobListener extends AbstractJobListener {

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty(name = "jobId")
    String jobId;

    @Inject
    TuneJobRunner runner;

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Override
    public void beforeJob() throws Exception {
        try {
            runner.begin(jobId, jobContext.getExecutionId());
        } catch (Exception | Error failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            log.append(jobId, "failed: " + reason);
            jobs.finished(jobId, JobState.FAILED, null, reason);
            throw failure;
        }
    }

    @Override
    public void afterJob() {
        runner.end(jobId);
    }
}
