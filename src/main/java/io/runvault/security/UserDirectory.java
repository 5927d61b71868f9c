package io.runvault.security;

import io.runvault.audit.AuditLog;
import io.runvault.problem.ConflictException;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.NotFoundException;
import io.runvault.roles.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Users, their roles and password hashes (PBKDF2-HMAC-SHA256 from Jakarta Security). Guards the
 * one rule that keeps the appliance manageable: there is always an enabled administrator.
 */
@ApplicationScoped
public class UserDirectory {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    Clock clock;

    @Inject
    LoginVerifier logins;

    @Inject
    AuditLog audit;

    private String dummyHash;

    @PostConstruct
    void configureHash() {
        // OWASP's 2023 figure for PBKDF2-HMAC-SHA256; logins are cached, so the cost is paid rarely.
        passwordHash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "600000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        dummyHash = passwordHash.generate(java.util.HexFormat.of().formatHex(random).toCharArray());
    }

    /**
     * Checks a password against a hash nobody's password matches, at the cost of a real check: an
     * unknown user name must take as long to refuse as a known one. Always false.
     */
    boolean spendHash(char[] password) {
        passwordHash.verify(password, dummyHash);
        return false;
    }

    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(em.find(UserAccount.class, username));
    }

    public UserAccount get(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("user-not-found", "No user " + username));
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM UserAccount u", Long.class).getSingleResult();
    }

    public List<UserAccount> list() {
        return em.createQuery("SELECT u FROM UserAccount u ORDER BY u.username", UserAccount.class).getResultList();
    }

    @Transactional
    public UserAccount create(String username, char[] password, Collection<String> roles, String actor) {
        checkPassword(password);
        UserAccount user = insert(username, password, roles);
        audit.append(actor, "user.create", user.username(), Map.of("roles", List.copyOf(user.roles())));
        return user;
    }

    /**
     * The first administrator, with its event in the same transaction. The operator chose the
     * password, so only an empty one is refused.
     */
    @Transactional
    public UserAccount createInitialAdministrator(String username, char[] password, Map<String, ?> details) {
        if (password.length == 0) {
            throw new InvalidRequestException("weak-password", "The administrator password may not be empty");
        }
        UserAccount user = insert(username, password, Roles.ALL);
        audit.append(AuditLog.SYSTEM_ACTOR, "user.create", user.username(), details);
        return user;
    }

    private UserAccount insert(String username, char[] password, Collection<String> roles) {
        if (username != null && em.find(UserAccount.class, username) != null) {
            throw new ConflictException("user-exists", "User " + username + " already exists");
        }
        UserAccount user = new UserAccount(username, passwordHash.generate(password), roles, clock.instant());
        em.persist(user);
        em.flush();
        return user;
    }

    /**
     * Keeps the appliance's copy of a user of the server's registry: created on first login with a
     * random password nobody knows (the registry checks theirs), roles refreshed from their groups.
     * A disabled copy stays disabled: an administrator's decision outranks the directory.
     */
    @Transactional
    public Optional<UserAccount> mirror(String username, Set<String> roles) {
        UserAccount user = em.find(UserAccount.class, username);
        if (user == null) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            user = new UserAccount(username, passwordHash.generate(java.util.HexFormat.of().formatHex(random).toCharArray()),
                    roles, clock.instant());
            em.persist(user);
            em.flush();
            audit.append(username, "user.mirror", username, Map.of("roles", List.copyOf(user.roles())));
        } else if (!user.roles().equals(roles)) {
            user.changeRoles(roles);
            em.flush();
            audit.append(username, "user.mirror", username, Map.of("roles", List.copyOf(user.roles())));
        }
        return Optional.of(user);
    }

    @Transactional
    public UserAccount changeRoles(String username, Collection<String> roles, String actor) {
        UserAccount user = managed(username);
        if (!roles.contains(Roles.ADMIN)) {
            keepAnAdministrator(user);
        }
        user.changeRoles(roles);
        logins.forget(username);
        em.flush();
        audit.append(actor, "user.roles", username, Map.of("roles", List.copyOf(user.roles())));
        return user;
    }

    @Transactional
    public UserAccount disable(String username, String actor) {
        UserAccount user = managed(username);
        keepAnAdministrator(user);
        user.disable();
        logins.forget(username);
        // Its tokens end with it: enabling the user again must not bring back a token an
        // administrator may have disabled the user to stop.
        List<ApiToken> live = em.createQuery("SELECT t FROM ApiToken t WHERE t.username = :user AND t.revokedAt IS NULL",
                ApiToken.class).setParameter("user", username).getResultList();
        java.time.Instant now = clock.instant();
        live.forEach(token -> token.revoke(now));
        int revoked = live.size();
        em.flush();
        audit.append(actor, "user.disable", username, Map.of("tokensRevoked", revoked));
        return user;
    }

    @Transactional
    public UserAccount enable(String username, String actor) {
        UserAccount user = managed(username);
        user.enable();
        em.flush();
        audit.append(actor, "user.enable", username, Map.of());
        return user;
    }

    /** Sets a new password (the caller has checked who may); remembered logins with the old one end. */
    @Transactional
    public UserAccount changePassword(String username, char[] newPassword, String actor) {
        checkPassword(newPassword);
        UserAccount user = managed(username);
        user.changePasswordHash(passwordHash.generate(newPassword));
        logins.forget(username);
        em.flush();
        audit.append(actor, "user.password", username, Map.of("by", actor.equals(username) ? "self" : "administrator"));
        return user;
    }

    public boolean passwordMatches(UserAccount user, char[] password) {
        return passwordHash.verify(password, user.passwordHash());
    }

    private UserAccount managed(String username) {
        UserAccount user = em.find(UserAccount.class, username);
        if (user == null) {
            throw new NotFoundException("user-not-found", "No user " + username);
        }
        return user;
    }

    /** Refuses a change that would leave no enabled administrator. */
    private void keepAnAdministrator(UserAccount changing) {
        boolean isLastAdmin = changing.enabled() && changing.roles().contains(Roles.ADMIN)
                && list().stream().filter(u -> u.enabled() && u.roles().contains(Roles.ADMIN)).count() == 1;
        if (isLastAdmin) {
            throw new ConflictException("last-administrator",
                    "User " + changing.username() + " is the only enabled administrator");
        }
    }

    static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            throw new InvalidRequestException("weak-password",
                    "A password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
