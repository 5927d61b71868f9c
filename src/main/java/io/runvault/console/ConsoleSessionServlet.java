package io.runvault.console;

import io.runvault.problem.Problem;
import io.runvault.problem.TooManyRequestsException;
import io.runvault.security.LoginOutcome;
import io.runvault.security.LoginVerifier;
import io.runvault.security.UserAccount;
import io.runvault.security.UserDirectory;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        String username;
        String password;
        try (InputStream in = request.getInputStream();
             JsonReader reader = Json.createReader(new InputStreamReader(
                     new java.io.ByteArrayInputStream(in.readNBytes(MAX_BODY)), StandardCharsets.UTF_8))) {
            JsonObject body = reader.readObject();
            username = text(body.get("username"));
            password = text(body.get("password"));
        } catch (JsonException | ClassCastException | IllegalStateException notJson) {
            username = null;
            password = null;
        }
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

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : null;
    }

    private void answer(HttpServletResponse response, int status, UserAccount user, ConsoleSessions.Session session)
            throws IOException {
        JsonArrayBuilder roles = Json.createArrayBuilder();
        user.roles().stream().sorted().forEach(roles::add);
        JsonObject body = Json.createObjectBuilder()
                .add("user", user.username())
                .add("roles", roles)
                .add("csrfToken", session.csrfToken())
                .add("timeoutSeconds", settings.sessionTimeout().toSeconds())
                .build();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
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
