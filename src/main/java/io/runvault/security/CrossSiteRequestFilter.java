package io.runvault.security;

import io.runvault.problem.ContainerErrorPage;
import io.runvault.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses cross-site writes to the API. A browser that once opened an {@code /api} URL keeps the
 * Basic credentials and would send them with a form posted from any other site. Browsers say where
 * a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); a request another site made is
 * refused. HTML forms can only send the three form content types, and scripts of another origin
 * cannot add custom headers without a CORS preflight (which the API never grants): a form content
 * type must come with {@code X-Requested-With} or the console's own header. Clients that are not
 * browsers send neither {@code Origin} nor {@code Sec-Fetch-Site}, and JSON or octet-stream bodies,
 * so they are unaffected.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CrossSiteRequestFilter extends HttpFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> refusal = SAFE_METHODS.contains(request.getMethod()) ? Optional.empty() : refusal(request);
        if (refusal.isPresent()) {
            request.setAttribute(ContainerErrorPage.WRITTEN_ATTRIBUTE, Boolean.TRUE);
            response.setStatus(403);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(new Problem("/problems/cross-site", "Cross-site request refused", 403,
                    refusal.get(), request.getRequestURI()).toJson().toString());
            return;
        }
        chain.doFilter(request, response);
    }

    static Optional<String> refusal(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !OWN_FETCH_SITES.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("The browser sent this request from another site (Sec-Fetch-Site: " + fetchSite.trim() + ")");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameAuthority(origin, request.getHeader("Host"))) {
            return Optional.of("The request comes from another origin (" + origin.trim() + ")");
        }
        String type = request.getContentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (FORM_TYPES.contains(mediaType) && request.getHeader("X-Requested-With") == null
                && request.getHeader(ApiAuthentication.CONSOLE_HEADER) == null) {
            return Optional.of("A " + mediaType + " body is what an HTML form sends; send the data with its own "
                    + "content type (application/json, application/octet-stream, text/csv) or add an X-Requested-With header");
        }
        return Optional.empty();
    }

    /**
     * Host and port of the Origin against the Host header. The scheme is not compared: behind a
     * TLS-terminating proxy the server sees http while the browser's origin is https.
     */
    static boolean sameAuthority(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false; // "null" (sandboxed frames, file: pages) is never our own origin
            }
            URI own = URI.create("//" + host.trim());
            if (own.getHost() == null || !own.getHost().equalsIgnoreCase(uri.getHost())) {
                return false;
            }
            int originPort = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            // A Host without a port is the scheme's default port, 80 or 443 (the proxy may have changed the scheme).
            return own.getPort() >= 0 ? own.getPort() == originPort : originPort == 80 || originPort == 443;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
