package io.runvault.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A bearer token a user made for a pipeline: only its digest is kept; it expires and can be revoked. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
        // for JPA
    }

    ApiToken(String id, String username, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.username = username;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    TokenView view() {
        return new TokenView(id, name, createdAt, expiresAt, revokedAt);
    }
}
