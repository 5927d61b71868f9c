package io.runvault.training;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate as a function of the epoch only (not of DJL's update counter, which restarts on
 * resume): constant, cosine to zero over the run, or step decay.
 */
final class EpochSchedule implements Tracker {

    private final TrainingSpec spec;
    private volatile int epoch = 1;

    EpochSchedule(TrainingSpec spec) {
        this.spec = spec;
    }

    void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** The rate used during the 1-based {@code epoch}. */
    float rate(int epoch) {
        double lr = spec.learningRate();
        int done = epoch - 1;
        return (float) switch (spec.schedule()) {
            case COSINE -> lr * 0.5 * (1 + Math.cos(Math.PI * done / spec.epochs()));
            case STEP -> lr * Math.pow(spec.stepGamma(), done / spec.stepSize());
            case NONE -> lr;
        };
    }

    @Override
    public float getNewValue(int numUpdate) {
        return rate(epoch);
    }
}
