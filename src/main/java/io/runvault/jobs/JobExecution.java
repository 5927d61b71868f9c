package io.runvault.jobs;

import io.runvault.database.Durability;
import io.runvault.export.ModelMismatchException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One execution of a job that scores models and commits one run (evaluate, robustness, compare):
 * marks it started and live, then records the outcome: completed with its run, stopped on request
 * ({@link JobStoppedException}), or failed with the reason. Failures are rethrown so the batch
 * execution fails too and a restart restarts it.
 */
@ApplicationScoped
public class JobExecution {

    /** The job's work; returns the id of the run it committed. */
    @FunctionalInterface
    public interface Work {
        String run(JobEntity job, LiveJobs.Live live) throws Exception;
    }

    @Inject
    JobService jobs;

    @Inject
    LiveJobs liveJobs;

    @Inject
    JobLog log;

    @Inject
    Durability durability;

    /** Runs {@code work} for the job; answers the batch exit status. */
    public String execute(String jobId, long executionId, Work work) throws Exception {
        JobEntity job = jobs.started(jobId, executionId);
        LiveJobs.Live live = liveJobs.begin(jobId);
        try {
            log.append(jobId, "execution " + executionId + " started");
            String runId = work.run(job, live);
            log.append(jobId, "committed run " + runId);
            jobs.finished(jobId, JobState.COMPLETED, runId, null);
            return "COMPLETED";
        } catch (JobStoppedException stopped) {
            log.append(jobId, "stopped; a restart scores again from the start");
            jobs.finished(jobId, JobState.STOPPED, null, "stopped on request");
            return "STOPPED";
        } catch (ModelMismatchException unfit) {
            // The model does not fit the data: the reason is the message, not an exception's name.
            log.append(jobId, "failed: " + unfit.getMessage());
            jobs.finished(jobId, JobState.FAILED, null, unfit.getMessage());
            throw unfit;
        } catch (Exception | Error failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            log.append(jobId, "failed: " + reason);
            jobs.finished(jobId, JobState.FAILED, null, reason);
            throw failure;
        } finally {
            liveJobs.end(jobId);
            durability.flushCommitted();
        }
    }
}
