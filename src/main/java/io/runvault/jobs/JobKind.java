package io.runvault.jobs;

import java.util.Map;

/**
 * A kind of job (train, cross-validate, tune, evaluate, ...): how its spec is checked at submit,
 * which batch job (META-INF/batch-jobs/{@link #batchJob()}.xml) runs it, and the work of each step
 * of that batch job. Kinds are CDI beans, found by {@link JobService}; the spec's {@code kind}
 * member picks one ({@code train} when absent). Every batchlet of every job XML is
 * {@link JobBatchlet}, which hands its step to {@link #run}; job-level listeners are
 * {@link JobListener}, which calls {@link #beforeJob} and {@link #afterJob}.
 */
public interface JobKind {

    /** The {@code kind} member of a spec, e.g. {@code train}. */
    String name();

    /** The batch job XML name (without {@code .xml}): the kind's name unless the kind says otherwise. */
    default String batchJob() {
        return name();
    }

    /** Checks a spec; a bad one throws {@link io.runvault.problem.InvalidRequestException} with every reason. */
    Accepted accept(String body);

    /** Does the work of one step (or one partition of a step) of this kind's batch job; answers its exit status. */
    String run(Step step) throws Exception;

    /** Before the first step of each execution, when the job XML lists {@code jobListener}. */
    default void beforeJob(String jobId, long executionId) throws Exception {
    }

    /** After each execution however it ended, when the job XML lists {@code jobListener}. */
    default void afterJob(String jobId) {
    }

    /**
     * One step of a job's execution.
     *
     * @param name the step's id in the job XML
     * @param partition the partition's {@code partition} property on a partitioned step, else null
     */
    record Step(String jobId, long executionId, String name, String partition) {

        /** The partition number; a step without partitions is partition 0. */
        public int partitionNumber() {
            return partition == null ? 0 : Integer.parseInt(partition);
        }
    }

    /**
     * A spec that passed its checks.
     *
     * @param experiment the experiment of the run(s) it commits
     * @param totalEpochs the units its progress counts (epochs, over all folds or trials)
     * @param audit facts for the job.submit audit event
     * @param summary one line for the job log
     * @param spec the spec as stored with the job and read by its runner: the canonical JSON of the
     *     bound request ({@link RequestBinder#canonical}); null stores the body as it was sent
     */
    record Accepted(String experiment, int totalEpochs, Map<String, Object> audit, String summary, String spec) {

        public Accepted(String experiment, int totalEpochs, Map<String, Object> audit, String summary) {
            this(experiment, totalEpochs, audit, summary, null);
        }
    }
}
