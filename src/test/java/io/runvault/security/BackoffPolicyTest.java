package io.runvault.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    private final BackoffPolicy policy = new BackoffPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void noWaitBelowTheThreshold() {
        assertEquals(Duration.ZERO, policy.delayAfter(0));
        assertEquals(Duration.ZERO, policy.delayAfter(4));
    }

    @Test
    void theWaitDoublesFromTheThresholdOn() {
        assertEquals(Duration.ofSeconds(1), policy.delayAfter(5));
        assertEquals(Duration.ofSeconds(2), policy.delayAfter(6));
        assertEquals(Duration.ofSeconds(4), policy.delayAfter(7));
        assertEquals(Duration.ofSeconds(32), policy.delayAfter(10));
    }

    @Test
    void theWaitStopsAtTheMaximumAndNeverOverflows() {
        assertEquals(Duration.ofSeconds(60), policy.delayAfter(11));
        assertEquals(Duration.ofSeconds(60), policy.delayAfter(40));
        assertEquals(Duration.ofSeconds(60), policy.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(1, Duration.ZERO, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(1, Duration.ofSeconds(3), Duration.ofSeconds(2)));
    }
}
