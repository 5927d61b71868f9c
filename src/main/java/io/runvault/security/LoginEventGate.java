package io.runvault.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which login failures reach the audit log, so that an attacker cannot flood it: at most one
 * event per key (action, user, address) per period, and at most a fixed number per period in all.
 * An admitted event carries how many like it were not recorded since the last one of its key.
 */
final class LoginEventGate {

    private static final int MAX_KEYS = 10_000;

    private final Duration period;
    private final int maxPerPeriod;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private Instant windowStart = Instant.EPOCH;
    private int inWindow;

    LoginEventGate(Duration period, int maxPerPeriod) {
        this.period = period;
        this.maxPerPeriod = maxPerPeriod;
    }

    private static final class Slot {
        Instant last = Instant.EPOCH;
        long unrecorded;
    }

    /** -1 when this event is not to be recorded; otherwise how many of its key went unrecorded before it. */
    long admit(String key, Instant now) {
        if (slots.size() > MAX_KEYS) {
            slots.clear();
        }
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            if (now.isBefore(slot.last.plus(period)) || !takeGlobal(now)) {
                slot.unrecorded++;
                return -1;
            }
            slot.last = now;
            long unrecorded = slot.unrecorded;
            slot.unrecorded = 0;
            return unrecorded;
        }
    }

    private synchronized boolean takeGlobal(Instant now) {
        if (!now.isBefore(windowStart.plus(period))) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= maxPerPeriod) {
            return false;
        }
        inWindow++;
        return true;
    }
}
