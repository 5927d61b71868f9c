package io.runvault.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user name and password. PBKDF2 is deliberately slow, and pipelines send Basic credentials
 * on every request, so a successful check is remembered briefly under a SHA-256 of the pair
 * (never the password itself).
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

    private record Remembered(String username, Set<String> roles, Instant until) {
    }

    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    public CredentialValidationResult verify(String username, String password) {
        String key = fingerprint(username, password);
        Instant now = clock.instant();
        Remembered hit = recent.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return new CredentialValidationResult(hit.username(), hit.roles());
        }
        if (username.isEmpty() || username.length() > 64 || password.length() > 1024) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        // The appliance's own users first (the bootstrap administrator always works), then the registry.
        Optional<Set<String>> roles = users.find(username)
                .filter(UserAccount::enabled)
                .filter(user -> users.passwordMatches(user, password.toCharArray()))
                .map(UserAccount::roles);
        if (roles.isEmpty()) {
            roles = external.verify(username, password);
        }
        return roles.map(granted -> {
                    if (recent.size() >= MAX_REMEMBERED) {
                        recent.clear();
                    }
                    recent.put(key, new Remembered(username, granted, now.plus(REMEMBER)));
                    return new CredentialValidationResult(username, granted);
                })
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** Drops what is remembered for a user whose roles or state changed. */
    public void forget(String username) {
        recent.values().removeIf(remembered -> remembered.username().equals(username));
    }

    private static String fingerprint(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
