package io.runvault.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the jobs running in this server are doing right now: the step counter the ETA comes from,
 * and the stop flag the trainer polls. The database has the same facts at epoch granularity.
 */
@ApplicationScoped
public class LiveJobs {

    /** One running execution. */
    public static final class Live {
        final long startedNanos = System.nanoTime();
        volatile boolean stopRequested;
        volatile int epoch;
        volatile int step;
        volatile int stepsPerEpoch;
        volatile int firstEpoch = -1;
        volatile int stepsDone;
        volatile long lastPersistNanos;

        /** Where a job that counts its own units (a study's epochs over all trials) is now. */
        public void at(int epoch, int step, int stepsPerEpoch) {
            this.epoch = epoch;
            this.step = step;
            this.stepsPerEpoch = stepsPerEpoch;
            stepsDone++;
        }

        public boolean stopRequested() {
            return stopRequested;
        }

        /** Seconds left at this execution's pace, or null before the pace is known. */
        Long etaSeconds(int totalEpochs) {
            if (stepsDone < 3 || stepsPerEpoch == 0) {
                return null;
            }
            double perStep = (System.nanoTime() - startedNanos) / 1e9 / stepsDone;
            long remaining = (long) (totalEpochs - epoch) * stepsPerEpoch + (stepsPerEpoch - step);
            return Math.max(0, Math.round(perStep * remaining));
        }
    }

    private final Map<String, Live> running = new ConcurrentHashMap<>();

    public Live begin(String jobId) {
        Live live = new Live();
        running.put(jobId, live);
        return live;
    }

    public void end(String jobId) {
        running.remove(jobId);
    }

    public Live get(String jobId) {
        return running.get(jobId);
    }

    public void requestStop(String jobId) {
        Live live = running.get(jobId);
        if (live != null) {
            live.stopRequested = true;
        }
    }
}
