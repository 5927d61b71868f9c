package io.runvault.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.jobs.JobProgress;
import io.runvault.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerChainTest {

    @Test
    void everyListenerHearsEveryStepInOrder() {
        List<String> heard = new ArrayList<>();
        TrainingListener chain = ListenerChain.of(
                new TrainingListener() {
                    @Override
                    public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                        heard.add("a" + step);
                    }
                },
                new TrainingListener() {
                    @Override
                    public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                        heard.add("b" + step);
                    }
                });
        chain.onStep(1, 1, 2, 0.5);
        chain.onStep(1, 2, 2, 0.5);
        assertEquals(List.of("a1", "b1", "a2", "b2"), heard);
    }

    @Test
    void anyListenerCanStopTheRun() {
        JobProgress progress = new JobProgress();
        TrainingListener chain = ListenerChain.of(TrainingListener.NONE, new StopListener(progress));
        assertFalse(chain.stopRequested());
        progress.requestStop();
        assertTrue(chain.stopRequested());
    }
}
