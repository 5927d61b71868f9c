package io.runvault.console;

import io.runvault.security.BrowserSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions: a random id in the cookie {@code RUNVAULT_SESSION}, mapped in memory to the
 * user's name, a random CSRF token and when it was last used. Roles are never kept in it; whoever
 * uses a session is re-read from the user directory each time, so role changes and disabling take
 * effect at once. The appliance writes the cookie itself (not the servlet container's session
 * cookie) so that a session begun over HTTPS gets {@code Secure} while plain HTTP keeps working.
 */
@ApplicationScoped
public class ConsoleSessions implements BrowserSessions {

    public static final String COOKIE = "RUNVAULT_SESSION";
    private static final int PRUNE_ABOVE = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, State> live = new ConcurrentHashMap<>();

    @Inject
    ConsoleSettings settings;

    @Inject
    Clock clock;

    private static final class State {
        final Session session;
        volatile long lastSeen;

        State(Session session, long lastSeen) {
            this.session = session;
            this.lastSeen = lastSeen;
        }
    }

    /** Starts a session for a user who just proved who they are; any earlier session ends first. */
    public Session start(HttpServletRequest request, HttpServletResponse response, String username) {
        end(request); // a session id known before the login is never the logged-in one
        if (live.size() > PRUNE_ABOVE) {
            long now = clock.millis();
            live.values().removeIf(state -> idle(state, now));
        }
        String id = randomToken();
        Session session = new Session(username, randomToken());
        live.put(id, new State(session, clock.millis()));
        response.addCookie(cookie(request, id, -1));
        return session;
    }

    /**
     * The request's console session, when it has one that has not been idle longer than the timeout.
     * An idle one is ended here, so that expiry is exact.
     */
    @Override
    public Optional<Session> current(HttpServletRequest request) {
        String id = sessionId(request);
        State state = id == null ? null : live.get(id);
        if (state == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (idle(state, now)) {
            live.remove(id);
            return Optional.empty();
        }
        state.lastSeen = now;
        return Optional.of(state.session);
    }

    /** Ends the request's session here; its cookie then names nothing. */
    @Override
    public void end(HttpServletRequest request) {
        String id = sessionId(request);
        if (id != null) {
            live.remove(id);
        }
    }

    /** Ends the session and tells the browser to drop its cookie. */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        end(request);
        response.addCookie(cookie(request, "", 0));
    }

    private boolean idle(State state, long now) {
        return now - state.lastSeen > settings.sessionTimeout().toMillis();
    }

    private static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** HttpOnly and SameSite=Strict always; Secure when the login came over HTTPS. */
    private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Strict");
        cookie.setMaxAge(maxAge);
        return cookie;
    }

    private String randomToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
