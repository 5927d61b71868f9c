package io.runvault.jobs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one running execution of a job is right now: the position (epoch, step) that the job view
 * shows and estimates the time left from, and the stop flag the work polls between steps. The
 * database has the same facts at epoch granularity; {@link #persistDue()} says when to write them
 * between epochs.
 */
public final class JobProgress {

    /** A step position written to the database at most this often between epochs. */
    private static final long PERSIST_EVERY_NANOS = 5_000_000_000L;

    /** A position within a job: 1-based epoch (0 before the first step) and the step within it. */
    public record Position(int epoch, int step, int stepsPerEpoch) {
    }

    private final long startedNanos = System.nanoTime();
    private final AtomicInteger stepsDone = new AtomicInteger();
    private final AtomicLong lastPersistNanos = new AtomicLong();
    private volatile Position position = new Position(0, 0, 0);
    private volatile boolean stopRequested;

    /** One step of work done, now at this position (the pace the estimate comes from counts it). */
    public void step(int epoch, int step, int stepsPerEpoch) {
        position = new Position(epoch, step, stepsPerEpoch);
        stepsDone.incrementAndGet();
    }

    /** Now at this position, without a step of work done (an epoch ended, a unit was skipped). */
    public void moveTo(int epoch, int step, int stepsPerEpoch) {
        position = new Position(epoch, step, stepsPerEpoch);
    }

    public Position position() {
        return position;
    }

    /** True at most once every five seconds: when a step position is worth writing to the database. */
    public boolean persistDue() {
        long now = System.nanoTime();
        long last = lastPersistNanos.get();
        return now - last > PERSIST_EVERY_NANOS && lastPersistNanos.compareAndSet(last, now);
    }

    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Seconds left at this execution's pace, or null before the pace is known. */
    public Long etaSeconds(int totalEpochs) {
        Position at = position;
        int steps = stepsDone.get();
        if (steps < 3 || at.stepsPerEpoch() == 0) {
            return null;
        }
        double perStep = (System.nanoTime() - startedNanos) / 1e9 / steps;
        long remaining = (long) (totalEpochs - at.epoch()) * at.stepsPerEpoch() + (at.stepsPerEpoch() - at.step());
        return Math.max(0, Math.round(perStep * remaining));
    }
}
