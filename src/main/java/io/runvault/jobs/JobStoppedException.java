package io.runvault.jobs;

/** An evaluation-kind job saw its stop flag between batches. */
class JobStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JobStoppedException() {
        super("stopped on request");
    }
}
