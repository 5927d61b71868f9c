package io.runvault.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Users and their password hashes (PBKDF2-HMAC-SHA256 from Jakarta Security). */
@ApplicationScoped
public class UserDirectory {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    Clock clock;

    @PostConstruct
    void configureHash() {
        // OWASP's 2023 figure for PBKDF2-HMAC-SHA256; logins are cached, so the cost is paid rarely.
        passwordHash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "600000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(em.find(UserAccount.class, username));
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM UserAccount u", Long.class).getSingleResult();
    }

    @Transactional
    public UserAccount create(String username, char[] password, Collection<String> roles) {
        UserAccount user = new UserAccount(username, passwordHash.generate(password), roles, clock.instant());
        em.persist(user);
        return user;
    }

    public boolean passwordMatches(UserAccount user, char[] password) {
        return passwordHash.verify(password, user.passwordHash());
    }
}
