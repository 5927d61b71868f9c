package io.runvault.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * With {@code RUNVAULT_HTTPS_REDIRECT=true}, the console and the API are HTTPS only: a plain HTTP
 * request is answered 308 (method and body kept) to the same URL on the HTTPS port, and HTTPS
 * responses carry Strict-Transport-Security so that browsers never use HTTP again. Off by default,
 * so that a first start on a host without a real certificate still answers on HTTP. Health, metrics
 * and the OpenAPI document ({@link ServerEndpoints}) stay on both ports (probes).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpsRedirectFilter extends HttpFilter {

    static final String HSTS = "max-age=31536000";

    private boolean enabled;
    private int httpsPort;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        enabled = config.getOptionalValue("RUNVAULT_HTTPS_REDIRECT", String.class).map(String::trim)
                .map(Boolean::parseBoolean).orElse(false);
        httpsPort = config.getOptionalValue("RUNVAULT_HTTPS_PORT", Integer.class).orElse(9443);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled || ServerEndpoints.serves(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(308);
        response.setHeader("Location", httpsLocation(request));
        response.setContentLength(0);
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
