package io.runvault.jobs;

import io.runvault.database.Durability;
import io.runvault.export.ModelMismatchException;
import io.runvault.training.TrainingStoppedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one frame of a job's execution: started (the job is running, its progress live), then one
 * outcome (completed with its run, stopped on request, or failed with the reason), then ended (the
 * progress is dropped and the database flushed, so the outcome survives a crash). A one-step kind
 * runs its work through {@link #execute}; a kind whose execution spans several batch steps calls
 * the same transitions ({@link #start}, {@link #settle} or {@link #complete}, {@link #stop},
 * {@link #fail}, {@link #end}) from its steps and job listener.
 */
@ApplicationScoped
public class JobExecution {

    /** Thrown by work that saw its stop flag between units (batches, passes); the job is recorded stopped. */
    public static final class Stopped extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Stopped() {
            super("stopped on request");
        }
    }

    /** How a stop reads: the job log's line and the reason kept with the job. */
    public record Stop(String logLine, String reason) {

        /** Work with no partial state worth keeping. */
        public static final Stop FROM_THE_START = new Stop("stopped; a restart scores again from the start",
                "stopped on request");
    }

    /** A job's work, with what the frame asks of the kind around it. */
    @FunctionalInterface
    public interface Work {

        /** Does the work; answers the id of the run it committed (the job's run). */
        String perform(JobEntity job, JobProgress progress) throws Exception;

        /** Added to the "execution N started" line (e.g. where a restart resumes). */
        default String startNote(JobEntity job) {
            return "";
        }

        /** The log line for the committed run. */
        default String committedLine(String runId) {
            return "committed run " + runId;
        }

        /** After the run is committed and logged, before the job is completed (e.g. registering a model version). */
        default void committed(JobEntity job, String runId) {
        }

        /** After the work stopped (training stopped, or {@link Stopped}): the kind's clean-up and how the stop reads. */
        default Stop stopped(JobEntity job) {
            return Stop.FROM_THE_START;
        }

        /** After the work failed, before the failure is recorded: the kind's clean-up. */
        default void failed(JobEntity job) {
        }
    }

    @Inject
    JobService jobs;

    @Inject
    LiveJobs liveJobs;

    @Inject
    JobLog log;

    @Inject
    Durability durability;

    /** A one-step job's execution: started, {@code work}, its outcome, ended. Answers the batch exit status. */
    public String execute(String jobId, long executionId, Work work) throws Exception {
        JobEntity job = start(jobId, executionId);
        try {
            log.append(jobId, "execution " + executionId + " started" + work.startNote(job));
            return settle(job, liveJobs.get(jobId), work);
        } finally {
            end(jobId);
        }
    }

    /** Marks the job running in this execution and its progress live. */
    public JobEntity start(String jobId, long executionId) {
        JobEntity job = jobs.started(jobId, executionId);
        liveJobs.begin(jobId);
        return job;
    }

    /**
     * Runs {@code work} for a started job and records its outcome; a failure is rethrown so the batch
     * execution fails too and a restart restarts it. Answers the batch exit status.
     */
    public String settle(JobEntity job, JobProgress progress, Work work) throws Exception {
        String jobId = job.id();
        try {
            String runId = work.perform(job, progress);
            log.append(jobId, work.committedLine(runId));
            work.committed(job, runId);
            jobs.finished(jobId, JobState.COMPLETED, runId, null);
            return "COMPLETED";
        } catch (TrainingStoppedException | Stopped stopped) {
            stop(jobId, work.stopped(job));
            return "STOPPED";
        } catch (ModelMismatchException unfit) {
            // The model does not fit the data: the reason is the message, not an exception's name.
            work.failed(job);
            fail(jobId, unfit.getMessage());
            throw unfit;
        } catch (Exception | Error failure) {
            work.failed(job);
            fail(jobId, failure);
            throw failure;
        }
    }

    /** Completed with the run it committed. */
    public void complete(String jobId, String runId, String line) {
        log.append(jobId, line);
        jobs.finished(jobId, JobState.COMPLETED, runId, null);
    }

    /** Stopped on request. */
    public void stop(String jobId, Stop stop) {
        log.append(jobId, stop.logLine());
        jobs.finished(jobId, JobState.STOPPED, null, stop.reason());
    }

    /** Failed with an exception: its class and message are the reason. */
    public void fail(String jobId, Throwable failure) {
        fail(jobId, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /** Failed for this reason. */
    public void fail(String jobId, String reason) {
        log.append(jobId, "failed: " + reason);
        jobs.finished(jobId, JobState.FAILED, null, reason);
    }

    /** The execution is over: its live progress goes, and what it recorded is made durable. */
    public void end(String jobId) {
        liveJobs.end(jobId);
        durability.flushCommitted();
    }

    /** The live progress of a running job, or null when it does not run in this server. */
    public JobProgress progress(String jobId) {
        return liveJobs.get(jobId);
    }
}
