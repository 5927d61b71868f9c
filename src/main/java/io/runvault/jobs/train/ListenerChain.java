package io.runvault.jobs.train;

import io.runvault.training.Checkpoint;
import io.runvault.training.EpochMetrics;
import io.runvault.training.TrainingListener;
import java.util.List;

/** Listeners with one concern each, called in order; the run stops when any of them asks. */
public final class ListenerChain implements TrainingListener {

    private final List<TrainingListener> listeners;

    private ListenerChain(List<TrainingListener> listeners) {
        this.listeners = listeners;
    }

    public static TrainingListener of(TrainingListener... listeners) {
        return new ListenerChain(List.of(listeners));
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
        for (TrainingListener listener : listeners) {
            listener.onStep(epoch, step, stepsPerEpoch, loss);
        }
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        for (TrainingListener listener : listeners) {
            listener.onEpoch(metrics);
        }
    }

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        for (TrainingListener listener : listeners) {
            listener.onCheckpoint(checkpoint);
        }
    }

    @Override
    public boolean stopRequested() {
        for (TrainingListener listener : listeners) {
            if (listener.stopRequested()) {
                return true;
            }
        }
        return false;
    }
}
