package io.runvault.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobProgressTest {

    @Test
    void theEstimateWaitsForThreeSteps() {
        JobProgress progress = new JobProgress();
        progress.step(1, 1, 10);
        progress.step(1, 2, 10);
        assertNull(progress.etaSeconds(5));
        progress.step(1, 3, 10);
        assertNotNull(progress.etaSeconds(5));
    }

    @Test
    void movingIsNotAStepOfWork() {
        JobProgress progress = new JobProgress();
        progress.moveTo(1, 0, 10);
        progress.moveTo(2, 0, 10);
        progress.moveTo(3, 0, 10);
        assertEquals(new JobProgress.Position(3, 0, 10), progress.position());
        assertNull(progress.etaSeconds(5), "no pace without steps");
    }

    @Test
    void persistingIsDueOnceInFiveSeconds() {
        JobProgress progress = new JobProgress();
        assertTrue(progress.persistDue());
        assertFalse(progress.persistDue());
    }

    @Test
    void theStopFlagStaysSet() {
        LiveJobs live = new LiveJobs();
        JobProgress progress = live.begin("j");
        assertFalse(progress.stopRequested());
        live.requestStop("j");
        assertTrue(progress.stopRequested());
        live.requestStop("unknown");
    }
}
