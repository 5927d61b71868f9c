package io.runvault.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.problem.Problem;
import io.runvault.problem.TooManyRequestsException;
import io.runvault.security.LoginOutcome;
import io.runvault.security.LoginVerifier;
import io.runvault.security.UserAccount;
import io.runvault.security.UserDirectory;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console's login, outside the public REST API (so the OpenAPI contract is unchanged):
 * POST {username, password} starts a session and answers {user, roles, csrfToken, timeoutSeconds};
 * GET answers the same for the current session, or 401; DELETE ends it.
 */
@WebServlet("/console/session")
public class ConsoleSessionServlet extends HttpServlet {

    private static final int MAX_BODY = 4096;
    /** Compact, with hex escapes in lower case, as the console has always received it. */
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

    @Inject
    LoginVerifier verifier;

    @Inject
    UserDirectory users;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleSettings settings;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // A cross-site form cannot send JSON without a CORS preflight, which this servlet never allows.
            problem(response, request, 415, "/problems/unsupported-media-type", "Unsupported media type",
                    "Log in with a JSON body {\"username\": ..., \"password\": ...}");
            return;
        }
        Credentials login;
        try (InputStream in = request.getInputStream()) {
            login = Credentials.of(in.readNBytes(MAX_BODY));
        }
        String username = login.username();
        String password = login.password();
        if (username == null || password == null || username.isEmpty() || password.isEmpty()) {
            problem(response, request, 400, "/problems/bad-login", "Bad request",
                    "Enter a user name and a password");
            return;
        }
        LoginOutcome outcome = verifier.verify(username, password, request.getRemoteAddr());
        if (outcome instanceof LoginOutcome.Throttled throttled) {
            response.setHeader("Retry-After", String.valueOf(TooManyRequestsException.seconds(throttled.retryAfter())));
            problem(response, request, 429, "/problems/too-many-logins", "Too many requests",
                    "Too many wrong passwords for this user or from this address, or too many logins at once; "
                            + "retry after the time in Retry-After");
            return;
        }
        if (!(outcome instanceof LoginOutcome.Accepted accepted)) {
            problem(response, request, 401, "/problems/unauthenticated", "Unauthorized",
                    "The user name or password is wrong, or the user is disabled");
            return;
        }
        String name = accepted.username();
        ConsoleSessions.Session session = sessions.start(request, response, name);
        Optional<UserAccount> user = users.find(name);
        if (user.isEmpty()) {
            sessions.end(request);
            problem(response, request, 401, "/problems/unauthenticated", "Unauthorized", "The user no longer exists");
            return;
        }
        answer(response, 200, user.get(), session);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ConsoleSessions.Session> session = sessions.current(request);
        Optional<UserAccount> user = session.flatMap(s -> users.find(s.username())).filter(UserAccount::enabled);
        if (session.isEmpty() || user.isEmpty()) {
            sessions.end(request);
            problem(response, request, 401, "/problems/unauthenticated", "Unauthorized",
                    "You are not logged in, or your session has ended");
            return;
        }
        answer(response, 200, user.get(), session.get());
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ConsoleSessions.Session> session = sessions.current(request);
        if (session.isPresent() && !session.get().csrfSatisfied(request)) {
            problem(response, request, 403, "/problems/csrf", "Forbidden",
                    "The request lacks the session's " + ConsoleSessions.CSRF_HEADER + " header");
            return;
        }
        sessions.end(request, response);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(204);
    }

    /** What a login body names; a member that is missing or not a string, or a body that is no JSON object, is null. */
    record Credentials(String username, String password) {

        static Credentials of(byte[] body) {
            JsonNode object;
            try {
                // Decoded first, so that bytes that are not UTF-8 become U+FFFD rather than a refusal.
                object = Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (IOException notJson) {
                return new Credentials(null, null);
            }
            if (object == null || !object.isObject()) {
                return new Credentials(null, null);
            }
            return new Credentials(text(object.get("username")), text(object.get("password")));
        }

        private static String text(JsonNode value) {
            return value != null && value.isTextual() ? value.textValue() : null;
        }
    }

    private void answer(HttpServletResponse response, int status, UserAccount user, ConsoleSessions.Session session)
            throws IOException {
        String body = sessionBody(user.username(), user.roles(), session.csrfToken(),
                settings.sessionTimeout().toSeconds());
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }

    /** {user, roles (sorted), csrfToken, timeoutSeconds}: what the console keeps of a session. */
    static String sessionBody(String user, java.util.Collection<String> roles, String csrfToken, long timeoutSeconds) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("user", user);
        roles.stream().sorted().forEach(body.putArray("roles")::add);
        body.put("csrfToken", csrfToken).put("timeoutSeconds", timeoutSeconds);
        try {
            return WRITER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void problem(HttpServletResponse response, HttpServletRequest request, int status, String type, String title,
                        String detail) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(new Problem(type, title, status, detail, request.getRequestURI()).toJson().toString());
    }
}
