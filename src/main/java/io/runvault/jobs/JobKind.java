package io.runvault.jobs;

import java.util.Map;

/**
 * A kind of job (train, cross-validate, tune, evaluate, ...): how its spec is checked at submit and
 * which batch job (META-INF/batch-jobs/{@link #batchJob()}.xml) runs it. Kinds are CDI beans; the
 * spec's {@code kind} member picks one ({@code train} when absent).
 */
public interface JobKind {

    /** The {@code kind} member of a spec, e.g. {@code train}. */
    String name();

    /** The batch job XML name (without {@code .xml}). */
    String batchJob();

    /** Checks a spec; a bad one throws {@link io.runvault.problem.InvalidRequestException} with every reason. */
    Accepted accept(String body);

    /**
     * A spec that passed its checks.
     *
     * @param experiment the experiment of the run(s) it commits
     * @param totalEpochs the units its progress counts (epochs, over all folds or trials)
     * @param audit facts for the job.submit audit event
     * @param summary one line for the job log
     */
    record Accepted(String experiment, int totalEpochs, Map<String, Object> audit, String summary) {
    }
}
