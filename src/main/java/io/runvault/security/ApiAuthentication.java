package io.runvault.security;

import io.runvault.json.Json;
import io.runvault.problem.Problem;
import io.runvault.problem.TooManyRequestsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic (users) and Bearer (API tokens), answering refusals as problem documents (the
 * container's own 401 page is HTML). Credentials are checked whenever they are sent; a protected
 * path without them is challenged. An API request without an Authorization header but with a
 * console session is the session's user, re-read from the directory on every request; its unsafe
 * methods must carry the session's CSRF token.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "runvault";
    /** Sent by the console's scripts on every API call. */
    static final String CONSOLE_HEADER = "X-Runvault-Console";
    /** Where MLflow's REST API is served (io.runvault.mlflow). */
    private static final String MLFLOW_API = "/api/2.0/";

    @Inject
    LoginVerifier verifier;

    @Inject
    TokenService tokens;

    @Inject
    UserDirectory users;

    @Inject
    BrowserSessions consoleSessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decode(header.substring(6).trim());
            LoginOutcome outcome = pair == null ? new LoginOutcome.Refused()
                    : verifier.verify(pair[0], pair[1], request.getRemoteAddr());
            if (outcome instanceof LoginOutcome.Accepted accepted) {
                return context.notifyContainerAboutLogin(accepted.result());
            }
            if (outcome instanceof LoginOutcome.Throttled throttled) {
                return tooMany(response, context, throttled);
            }
            return refuse(response, context, "The user name or password is wrong, or the user is disabled");
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.verify(header.substring(7).trim())
                    .map(context::notifyContainerAboutLogin)
                    .orElseGet(() -> refuse(response, context, "The token is unknown, expired or revoked"));
        }
        if (header == null && request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Optional<BrowserSessions.Session> session = consoleSessions.current(request);
            if (session.isPresent()) {
                return fromConsole(request, response, context, session.get());
            }
        }
        if (context.isProtected()) {
            return refuse(response, context, request.getHeader(CONSOLE_HEADER) != null
                    ? "You are not logged in, or your console session has ended"
                    : "This endpoint needs credentials (HTTP Basic or a Bearer token)");
        }
        return context.doNothing();
    }

    private AuthenticationStatus fromConsole(HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context, BrowserSessions.Session session) {
        Optional<UserAccount> user = users.find(session.username()).filter(UserAccount::enabled);
        if (user.isEmpty()) {
            consoleSessions.end(request);
            return refuse(response, context, "Your console session has ended: the user is disabled or gone");
        }
        if (!session.csrfSatisfied(request)) {
            return forbid(response, context, "/problems/csrf",
                    "The request lacks the console session's " + BrowserSessions.CSRF_HEADER + " header");
        }
        return context.notifyContainerAboutLogin(user.get().username(), user.get().roles());
    }

    private static AuthenticationStatus forbid(HttpServletResponse response, HttpMessageContext context, String type,
                                               String detail) {
        try {
            response.setStatus(403);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            String instance = context.getRequest().getRequestURI();
            response.getWriter().write(new Problem(type, "Forbidden", 403, detail, instance).toJson().toString());
            response.flushBuffer();
            // The container still routes the refusal through the 403 error page; it must add nothing.
            context.getRequest().setAttribute(io.runvault.problem.ContainerErrorPage.WRITTEN_ATTRIBUTE, Boolean.TRUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** 429 with Retry-After: no password was checked, so the answer says nothing about it. */
    private static AuthenticationStatus tooMany(HttpServletResponse response, HttpMessageContext context,
                                                LoginOutcome.Throttled throttled) {
        try {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(TooManyRequestsException.seconds(throttled.retryAfter())));
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            String instance = context.getRequest().getRequestURI();
            response.getWriter().write(new Problem("/problems/too-many-logins", "Too many requests", 429,
                    "Too many wrong passwords for this user or from this address, or too many logins at once; "
                            + "retry after the time in Retry-After", instance).toJson().toString());
            response.flushBuffer();
            context.getRequest().setAttribute(io.runvault.problem.ContainerErrorPage.WRITTEN_ATTRIBUTE, Boolean.TRUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static String[] decode(String encoded) {
        try {
            String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, HttpMessageContext context, String detail) {
        try {
            response.setStatus(401);
            // The console's own calls (which say so) get no Basic challenge: a browser would answer one
            // with its password dialog instead of letting the console show its login page.
            if (context.getRequest().getHeader(CONSOLE_HEADER) == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            response.setCharacterEncoding("UTF-8");
            String instance = context.getRequest().getRequestURI();
            if (instance.startsWith(context.getRequest().getContextPath() + MLFLOW_API)) {
                // MLflow's clients read MLflow's error shape.
                response.setContentType("application/json");
                response.getWriter().write(Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode()
                        .put("error_code", "UNAUTHENTICATED").put("message", detail)));
                return AuthenticationStatus.SEND_FAILURE;
            }
            response.setContentType(Problem.MEDIA_TYPE);
            response.getWriter().write(new Problem("/problems/unauthenticated", "Unauthorized", 401, detail, instance)
                    .toJson().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
