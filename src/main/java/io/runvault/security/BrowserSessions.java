package io.runvault.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The sessions a browser holds after logging in to the console. An API request without an
 * Authorization header is taken as its session's user; the console keeps the sessions.
 */
public interface BrowserSessions {

    String CSRF_HEADER = "X-CSRF-Token";

    /** The request's live session, when it has one that has not been idle too long. */
    Optional<Session> current(HttpServletRequest request);

    /** Ends the request's session; its cookie then names nothing. */
    void end(HttpServletRequest request);

    /** What a live session carries: whose it is and the token its unsafe requests must send. */
    record Session(String username, String csrfToken) {

        private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

        /** Safe methods need no token; unsafe ones must send the session's token in X-CSRF-Token. */
        public boolean csrfSatisfied(HttpServletRequest request) {
            if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
                return true;
            }
            String sent = request.getHeader(CSRF_HEADER);
            return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    csrfToken.getBytes(StandardCharsets.UTF_8));
        }
    }
}
