package io.runvault.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Console sessions: an HTTP session that holds only the user's name, a random CSRF token and when it
 * was last used. Roles are never kept in it; whoever uses a session is re-read from the user
 * directory each time, so role changes and disabling take effect at once.
 */
@ApplicationScoped
public class ConsoleSessions {

    static final String USER = "runvault.console.user";
    static final String CSRF = "runvault.console.csrf";
    static final String LAST_SEEN = "runvault.console.lastSeen";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final SecureRandom random = new SecureRandom();

    @Inject
    ConsoleSettings settings;

    @Inject
    Clock clock;

    /** What a live console session carries. */
    public record Session(String username, String csrfToken) {
    }

    /** Starts a session for a user who just proved who they are; any earlier session ends first. */
    public Session start(HttpServletRequest request, HttpServletResponse response, String username) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        request.changeSessionId(); // a session id known before the login is never the logged-in one
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long timeout = settings.sessionTimeout().toSeconds();
        session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, timeout));
        session.setAttribute(USER, username);
        session.setAttribute(CSRF, csrf);
        session.setAttribute(LAST_SEEN, clock.millis());
        if (request.isSecure()) {
            secureCookie(request, response, session);
        }
        return new Session(username, csrf);
    }

    /**
     * A session begun over HTTPS must never travel over plain HTTP: its cookie is re-sent with
     * {@code Secure}. (web.xml cannot say so: the same appliance also serves plain HTTP, where a
     * Secure cookie would never come back.)
     */
    private static void secureCookie(HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
        Cookie cookie = new Cookie(config.getName() == null ? "JSESSIONID" : config.getName(), session.getId());
        cookie.setPath(config.getPath() == null ? "/" : config.getPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(true);
        cookie.setAttribute("SameSite", "Strict");
        response.addCookie(cookie);
    }

    /**
     * The request's console session, when it has one that has not been idle longer than the timeout.
     * An idle one is ended here (not only by the container's own reaper) so that expiry is exact.
     */
    public Optional<Session> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            Object user = session.getAttribute(USER);
            Object csrf = session.getAttribute(CSRF);
            Object lastSeen = session.getAttribute(LAST_SEEN);
            if (!(user instanceof String name) || !(csrf instanceof String token) || !(lastSeen instanceof Long last)) {
                return Optional.empty();
            }
            long now = clock.millis();
            if (now - last > settings.sessionTimeout().toMillis()) {
                session.invalidate();
                return Optional.empty();
            }
            session.setAttribute(LAST_SEEN, now);
            return Optional.of(new Session(name, token));
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing to end
            }
        }
    }

    /** Safe methods need no token; unsafe ones must send the session's token in X-CSRF-Token. */
    public static boolean csrfSatisfied(HttpServletRequest request, Session session) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(java.util.Locale.ROOT))) {
            return true;
        }
        String sent = request.getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }
}
