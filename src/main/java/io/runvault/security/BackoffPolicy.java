package io.runvault.security;

import java.time.Duration;

/**
 * How long logins for one key (a user name or an address) wait after repeated failures: nothing
 * below the threshold, then the base delay, doubling with each further failure up to the maximum.
 */
public record BackoffPolicy(int threshold, Duration base, Duration max) {

    public BackoffPolicy {
        if (threshold < 1 || base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("threshold >= 1 and 0 < base <= max");
        }
    }

    /** The wait after this many consecutive failures. */
    public Duration delayAfter(int failures) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = failures - threshold;
        // 2^30 times any base already exceeds every sensible maximum; stop before the shift overflows.
        if (doublings >= 30) {
            return max;
        }
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
