package io.runvault.security;

import io.runvault.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic (users) and Bearer (API tokens), answering refusals as problem documents (the
 * container's own 401 page is HTML). Credentials are checked whenever they are sent; a protected
 * path without them is challenged.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "runvault";

    @Inject
    LoginVerifier verifier;

    @Inject
    TokenService tokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decode(header.substring(6).trim());
            if (pair != null) {
                CredentialValidationResult result = verifier.verify(pair[0], pair[1]);
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            return refuse(response, context, "The user name or password is wrong, or the user is disabled");
        }
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.verify(header.substring(7).trim())
                    .map(context::notifyContainerAboutLogin)
                    .orElseGet(() -> refuse(response, context, "The token is unknown, expired or revoked"));
        }
        if (context.isProtected()) {
            return refuse(response, context, "This endpoint needs credentials (HTTP Basic or a Bearer token)");
        }
        return context.doNothing();
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
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            String instance = context.getRequest().getRequestURI();
            response.getWriter().write(new Problem("/problems/unauthenticated", "Unauthorized", 401, detail, instance)
                    .toJson().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
