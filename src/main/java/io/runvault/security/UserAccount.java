package io.runvault.security;

import io.runvault.problem.InvalidRequestException;
import io.runvault.roles.Roles;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** A person or pipeline that can log in. The password is only ever kept as a PBKDF2 hash. */
@Entity
@Table(name = "app_user")
public class UserAccount {

    static final String NAME_PATTERN = "[A-Za-z0-9._@-]{1,64}";

    @Id
    @Column(name = "username")
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "roles", nullable = false)
    private String roles;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserAccount() {
        // for JPA
    }

    public UserAccount(String username, String passwordHash, Collection<String> roles, Instant createdAt) {
        if (username == null || !username.matches(NAME_PATTERN)) {
            throw new InvalidRequestException("bad-user", "A user name is 1-64 letters, digits or . _ @ -");
        }
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = validRoles(roles);
        this.enabled = true;
        this.createdAt = createdAt;
    }

    static String validRoles(Collection<String> roles) {
        if (roles == null || roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
            throw new InvalidRequestException("bad-roles", "Roles are one or more of " + Roles.ALL);
        }
        // Stored in the canonical order, so equal sets read back equal.
        return String.join(",", Roles.ALL.stream().filter(roles::contains).toList());
    }

    void changeRoles(Collection<String> newRoles) {
        this.roles = validRoles(newRoles);
    }

    void disable() {
        this.enabled = false;
    }

    void enable() {
        this.enabled = true;
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<String> roles() {
        return new LinkedHashSet<>(Arrays.asList(roles.split(",")));
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
