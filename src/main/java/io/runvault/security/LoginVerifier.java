package io.runvault.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a user name and password. PBKDF2 is deliberately slow, and pipelines send Basic credentials
 * on every request, so a successful check is remembered briefly under an HMAC of the pair with a key
 * that lives only in this process (never the password itself, nor a fast hash one could test
 * guesses against). Every check that needs a hash goes through the {@link LoginThrottle}; an
 * unknown or disabled user costs the same hash as a known one, so timing tells nothing.
 */
@ApplicationScoped
public class LoginVerifier {

    private static final Duration REMEMBER = Duration.ofMinutes(2);
    private static final int MAX_REMEMBERED = 10_000;

    @Inject
    UserDirectory users;

    @Inject
    Clock clock;

    @Inject
    ExternalDirectory external;

    @Inject
    LoginThrottle throttle;

    private final byte[] cacheKey = new byte[32];

    private record Remembered(String username, Set<String> roles, Instant until) {
    }

    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    public LoginVerifier() {
        new SecureRandom().nextBytes(cacheKey);
    }

    public LoginOutcome verify(String username, String password, String address) {
        // A user under backoff waits even with a remembered password: otherwise the cache would tell
        // an attacker which guess is right while every other guess is refused unchecked.
        Optional<Duration> userWait = throttle.userWait(username);
        if (userWait.isPresent()) {
            return throttle.throttled(username, address, "user", userWait.get());
        }
        String key = fingerprint(username, password);
        Instant now = clock.instant();
        Remembered hit = recent.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return new LoginOutcome.Accepted(hit.username(), hit.roles());
        }
        Optional<Duration> addressWait = throttle.addressWait(address);
        if (addressWait.isPresent()) {
            return throttle.throttled(username, address, "address", addressWait.get());
        }
        if (username.isEmpty() || username.length() > 64 || password.length() > 1024) {
            throttle.failed(username, address);
            return new LoginOutcome.Refused();
        }
        if (!throttle.acquireHash()) {
            return throttle.throttled(username, address, "busy", Duration.ofSeconds(1));
        }
        Optional<LoginOutcome.Accepted> accepted;
        try {
            accepted = local(username, password);
        } finally {
            throttle.releaseHash();
        }
        if (accepted.isEmpty()) {
            accepted = external.verify(username, password);
        }
        if (accepted.isEmpty()) {
            throttle.failed(username, address);
            return new LoginOutcome.Refused();
        }
        throttle.succeeded(username);
        if (recent.size() >= MAX_REMEMBERED) {
            recent.clear();
        }
        recent.put(key, new Remembered(accepted.get().username(), accepted.get().roles(), now.plus(REMEMBER)));
        return accepted.get();
    }

    /** The appliance's own users (the bootstrap administrator always works); one hash whoever it is. */
    private Optional<LoginOutcome.Accepted> local(String username, String password) {
        Optional<UserAccount> user = users.find(username);
        boolean matches = user.isPresent()
                ? users.passwordMatches(user.get(), password.toCharArray())
                : users.spendHash(password.toCharArray());
        return user.filter(u -> matches && u.enabled()).map(u -> new LoginOutcome.Accepted(u.username(), u.roles()));
    }

    /** Drops what is remembered for a user whose roles, password or state changed. */
    public void forget(String username) {
        recent.values().removeIf(remembered -> remembered.username().equals(username));
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
