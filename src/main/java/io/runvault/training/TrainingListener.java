package io.runvault.training;

/**
 * Progress callbacks of a {@link Trainer}, all called on the training thread. Every method has a
 * do-nothing default.
 */
public interface TrainingListener {

    /** No callbacks. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * After each optimisation step.
     *
     * @param epoch 1-based epoch
     * @param step 1-based step within the epoch
     * @param stepsPerEpoch steps in each epoch
     * @param loss the step's training loss
     */
    default void onStep(int epoch, int step, int stepsPerEpoch, double loss) {}

    /** After each epoch's validation, with that epoch's metrics. */
    default void onEpoch(EpochMetrics metrics) {}

    /**
     * After {@link #onEpoch}, with a checkpoint from which {@link Trainer#train} can resume at the next
     * epoch. Keep it (for instance {@link Checkpoint#write}) if the run must survive a stop or crash.
     */
    default void onCheckpoint(Checkpoint checkpoint) {}

    /**
     * Polled before every step; returning true ends the run with a {@link TrainingStoppedException}
     * (the last checkpoint given to {@link #onCheckpoint} is where to resume).
     */
    default boolean stopRequested() {
        return false;
    }
}
