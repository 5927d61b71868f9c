package io.runvault.training;

/** Training ended because {@link TrainingListener#stopRequested()} said so. */
public class TrainingStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int completedEpochs;

    public TrainingStoppedException(int completedEpochs) {
        super("training stopped on request after " + completedEpochs + " completed epoch(s)");
        this.completedEpochs = completedEpochs;
    }

    /** Epochs finished (and checkpointed) before the stop; 0 when none was. */
    public int completedEpochs() {
        return completedEpochs;
    }
}
