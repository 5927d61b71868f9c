package io.runvault.security;

import io.runvault.audit.AuditLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps wrong passwords from costing the appliance its CPU or its users their accounts' secrecy:
 * at most a few password hashes run at once (the rest wait briefly, then are told to retry), and
 * repeated failures for one user name or from one address make further attempts wait, doubling
 * each time. The events go to the audit log, rate-limited.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    private static final int MAX_KEYS = 100_000;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    @Inject
    @ConfigProperty(name = "RUNVAULT_LOGIN_CONCURRENT_HASHES", defaultValue = "2")
    int concurrentHashes;

    @Inject
    @ConfigProperty(name = "RUNVAULT_LOGIN_HASH_WAIT_MILLIS", defaultValue = "1000")
    long hashWaitMillis;

    @Inject
    @ConfigProperty(name = "RUNVAULT_LOGIN_USER_FAILURES", defaultValue = "5")
    int userFailures;

    @Inject
    @ConfigProperty(name = "RUNVAULT_LOGIN_ADDRESS_FAILURES", defaultValue = "30")
    int addressFailures;

    @Inject
    @ConfigProperty(name = "RUNVAULT_LOGIN_BACKOFF_SECONDS", defaultValue = "1")
    long backoffSeconds;

    @Inject
    @ConfigProperty(name = "RUNVAULT_LOGIN_MAX_BACKOFF_SECONDS", defaultValue = "300")
    long maxBackoffSeconds;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    private Semaphore hashes;
    private BackoffPolicy userPolicy;
    private BackoffPolicy addressPolicy;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final LoginEventGate events = new LoginEventGate(Duration.ofMinutes(1), 60);

    @PostConstruct
    void configure() {
        hashes = new Semaphore(Math.max(1, concurrentHashes), true);
        Duration base = Duration.ofSeconds(Math.max(1, backoffSeconds));
        Duration max = Duration.ofSeconds(Math.max(base.toSeconds(), maxBackoffSeconds));
        userPolicy = new BackoffPolicy(Math.max(1, userFailures), base, max);
        addressPolicy = new BackoffPolicy(Math.max(1, addressFailures), base, max);
    }

    /** Failures of one key; the wait they earned ends at {@code blockedUntil}. */
    private static final class Failures {
        private int count;
        private Instant blockedUntil = Instant.EPOCH;
        private Instant last = Instant.EPOCH;

        synchronized Optional<Duration> waitAt(Instant now) {
            return now.isBefore(blockedUntil) ? Optional.of(Duration.between(now, blockedUntil)) : Optional.empty();
        }

        synchronized int fail(Instant now, BackoffPolicy policy) {
            count = count == Integer.MAX_VALUE ? count : count + 1;
            last = now;
            Duration delay = policy.delayAfter(count);
            if (!delay.isZero()) {
                blockedUntil = now.plus(delay);
            }
            return count;
        }

        synchronized boolean idleAt(Instant now) {
            return now.isAfter(blockedUntil) && now.isAfter(last.plus(FORGET_AFTER));
        }
    }

    /** User names differing only in case are one target: directories compare them so. */
    static String userKey(String username) {
        String name = username.length() > 64 ? username.substring(0, 64) : username;
        return name.toLowerCase(Locale.ROOT);
    }

    /** How long attempts for this user must still wait; applies even to remembered logins. */
    public Optional<Duration> userWait(String username) {
        Failures failures = byUser.get(userKey(username));
        return failures == null ? Optional.empty() : failures.waitAt(clock.instant());
    }

    /** How long attempts from this address must still wait before a password is checked again. */
    public Optional<Duration> addressWait(String address) {
        Failures failures = byAddress.get(address);
        return failures == null ? Optional.empty() : failures.waitAt(clock.instant());
    }

    /** A permit to run one password hash, waiting a little for one; false when none came in time. */
    public boolean acquireHash() {
        try {
            return hashes.tryAcquire(hashWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void releaseHash() {
        hashes.release();
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        prune(now);
        int userCount = byUser.computeIfAbsent(userKey(username), k -> new Failures()).fail(now, userPolicy);
        int addressCount = byAddress.computeIfAbsent(address, k -> new Failures()).fail(now, addressPolicy);
        record("login.failed", username, address, now, Map.of("userFailures", userCount, "addressFailures", addressCount));
    }

    /** A right password clears the user's count; the address keeps its own (one good account must not reset it). */
    public void succeeded(String username) {
        byUser.remove(userKey(username));
    }

    public LoginOutcome.Throttled throttled(String username, String address, String reason, Duration wait) {
        record("login.throttled", username, address, clock.instant(),
                Map.of("reason", reason, "retryAfterSeconds", io.runvault.problem.TooManyRequestsException.seconds(wait)));
        return new LoginOutcome.Throttled(wait, reason);
    }

    private void record(String action, String username, String address, Instant now, Map<String, Object> details) {
        String target = username.isEmpty() ? "(empty)" : userKey(username);
        long unrecorded = events.admit(action + "\n" + target + "\n" + address, now);
        if (unrecorded < 0) {
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("address", address);
        all.put("unrecordedBefore", unrecorded);
        try {
            audit.append(AuditLog.SYSTEM_ACTOR, action, target, all);
        } catch (RuntimeException failure) {
            // A login answer must not depend on the audit write; the log says it was lost.
            LOG.log(Level.WARNING, "Could not record " + action + " for " + target, failure);
        }
    }

    private void prune(Instant now) {
        for (Map<String, Failures> map : java.util.List.of(byUser, byAddress)) {
            if (map.size() > MAX_KEYS / 2) {
                map.values().removeIf(failures -> failures.idleAt(now));
            }
            if (map.size() > MAX_KEYS) {
                // Under a flood of fresh names the memory bound wins; the address counts still hold.
                map.clear();
            }
        }
    }
}
