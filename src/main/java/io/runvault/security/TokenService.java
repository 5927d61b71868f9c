package io.runvault.security;

import java.util.Map;
import io.runvault.audit.AuditLog;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.NotFoundException;
import io.runvault.hash.Blake2b256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Issues, lists, revokes and checks API tokens ({@code Authorization: Bearer rv_...}). */
@ApplicationScoped
public class TokenService {

    static final String PREFIX = "rv_";
    private static final int MAX_DAYS = 365;
    private static final int DEFAULT_DAYS = 90;

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    UserDirectory users;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Transactional
    public IssuedToken issue(String username, TokenRequest request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw new InvalidRequestException("bad-token-request", "A token needs a name of 1-100 characters");
        }
        int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidRequestException("bad-token-request", "expiresInDays is between 1 and " + MAX_DAYS);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(days));
        em.persist(new ApiToken(id, username, request.name(), digest(token), now, expires));
        em.flush();
        audit.append(username, "token.create", id, Map.of("name", request.name(), "expiresAt", expires.toString()));
        return new IssuedToken(id, request.name(), token, expires);
    }

    public List<TokenView> list(String username) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.username = :user ORDER BY t.createdAt DESC", ApiToken.class)
                .setParameter("user", username).getResultList().stream().map(ApiToken::view).toList();
    }

    /** Owners revoke their own tokens; administrators any token. Others are told it does not exist. */
    @Transactional
    public TokenView revoke(String id, String actor, boolean actorIsAdmin) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || !(actorIsAdmin || token.username().equals(actor))) {
            throw new NotFoundException("token-not-found", "No token " + id + " of yours");
        }
        token.revoke(clock.instant());
        em.flush();
        audit.append(actor, "token.revoke", id, Map.of("owner", token.username()));
        return token.view();
    }

    /** The token's user, when the token is known, unexpired, unrevoked and its user enabled. */
    public Optional<CredentialValidationResult> verify(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        List<ApiToken> found = em.createQuery("SELECT t FROM ApiToken t WHERE t.tokenHash = :hash", ApiToken.class)
                .setParameter("hash", digest(token)).getResultList();
        Instant now = clock.instant();
        return found.stream().filter(t -> t.usableAt(now)).findFirst()
                .flatMap(t -> users.find(t.username()))
                .filter(UserAccount::enabled)
                .map(user -> new CredentialValidationResult(user.username(), user.roles()));
    }

    private static String digest(String token) {
        return Blake2b256.text(token.getBytes(StandardCharsets.UTF_8));
    }
}
