package io.runvault.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * With {@code RUNVAULT_HTTPS_REDIRECT=true}, the console and the API are HTTPS only: a plain HTTP
 * request is answered 308 (method and body kept) to the same URL on the HTTPS port. Health, metrics
 * and the OpenAPI document ({@link ServerEndpoints}) stay on both ports (probes). HTTPS responses
 * carry Strict-Transport-Security, so that browsers never use HTTP again: {@code RUNVAULT_HSTS} is
 * its value (default one year with the redirect, none without; {@code off} sends none). Both are
 * off by default, so that a first start on a host without a real certificate still answers on HTTP.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpsRedirectFilter extends HttpFilter {

    static final String HSTS = "max-age=31536000";
    private static final Logger LOG = Logger.getLogger(HttpsRedirectFilter.class.getName());
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(^|;)\\s*max-age=\"?\\d+\"?\\s*(;|$)");

    private boolean redirect;
    private String hsts;
    private int httpsPort;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        redirect = config.getOptionalValue("RUNVAULT_HTTPS_REDIRECT", String.class).map(String::trim)
                .map(Boolean::parseBoolean).orElse(false);
        hsts = hstsValue(config.getOptionalValue("RUNVAULT_HSTS", String.class).map(String::trim), redirect);
        httpsPort = config.getOptionalValue("RUNVAULT_HTTPS_PORT", Integer.class).orElse(9443);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure()) {
            if (hsts != null) {
                response.setHeader("Strict-Transport-Security", hsts);
            }
            chain.doFilter(request, response);
            return;
        }
        if (!redirect || ServerEndpoints.serves(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(308);
        response.setHeader("Location", httpsLocation(request));
        response.setContentLength(0);
    }

    /**
     * The Strict-Transport-Security value to send, or null for none. A value without a max-age
     * directive (RFC 6797 requires one; browsers ignore the header without it) is refused.
     */
    static String hstsValue(Optional<String> configured, boolean redirect) {
        if (configured.isEmpty() || configured.get().isEmpty()) {
            return redirect ? HSTS : null;
        }
        String value = configured.get();
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false")) {
            return null;
        }
        if (!MAX_AGE.matcher(value).find()) {
            LOG.severe(() -> "RUNVAULT_HSTS=" + value + " has no max-age directive (e.g. max-age=31536000);"
                    + " no Strict-Transport-Security header is sent");
            return null;
        }
        return value;
    }

    private String httpsLocation(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.contains(":")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        // The raw request URI keeps its percent-encoding (run paths carry %2F).
        return URI.create("https://" + host + port).toString() + request.getRequestURI() + query;
    }
}
