package io.runvault.security;

import io.runvault.problem.ContainerErrorPage;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server's own endpoints on the appliance's ports: the OpenAPI document ({@code /openapi}),
 * health ({@code /health/*}) and metrics ({@code /metrics}). Liberty serves them, together with
 * things that are not part of the appliance (the OpenAPI UI, {@code /ibm/api}), on a port bound to
 * this machine's loopback only ({@code RUNVAULT_INTERNAL_PORT}, server.xml); this servlet passes
 * the three through and nothing else. {@code RUNVAULT_METRICS_ACCESS=admin} keeps metrics to the
 * appliance's administrators (a user or an API token, as for the API); {@code open}, the default,
 * lets Prometheus scrape without a login.
 */
@WebServlet(urlPatterns = {"/openapi", "/openapi/*", "/health", "/health/*", "/metrics", "/metrics/*"})
public class ServerEndpoints extends HttpServlet {

    /** Request headers that decide what these endpoints answer (the document's format). */
    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("accept");
    private static final Set<String> KEPT_RESPONSE_HEADERS = Set.of("content-type", "cache-control", "etag",
            "last-modified", "vary");

    private HttpClient client;
    private URI internal;
    private boolean metricsForAdminsOnly;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        int port = config.getOptionalValue("RUNVAULT_INTERNAL_PORT", Integer.class).orElse(9089);
        internal = URI.create("http://127.0.0.1:" + port);
        String access = config.getOptionalValue("RUNVAULT_METRICS_ACCESS", String.class).map(String::trim)
                .map(s -> s.toLowerCase(Locale.ROOT)).orElse("open");
        if (!access.equals("open") && !access.equals("admin")) {
            throw new IllegalStateException("RUNVAULT_METRICS_ACCESS is open or admin, not " + access);
        }
        metricsForAdminsOnly = access.equals("admin");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** True for the paths this servlet answers; the OpenAPI UI under /openapi/ is not one of them. */
    static boolean serves(String path) {
        return path.equals("/openapi") || path.equals("/openapi/")
                || path.equals("/health") || path.startsWith("/health/")
                || path.equals("/metrics") || path.startsWith("/metrics/");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!serves(path)) {
            response.sendError(404);
            return;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(405);
            return;
        }
        if (path.startsWith("/metrics") && metricsForAdminsOnly && !admitted(request, response)) {
            return;
        }
        pass(request, response, path);
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getUserPrincipal() == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + ApiAuthentication.REALM + "\", charset=\"UTF-8\"");
            refuse(request, response, 401, "Unauthorized", "/problems/unauthenticated",
                    "Metrics are for administrators (RUNVAULT_METRICS_ACCESS=admin): send a user's credentials "
                            + "(HTTP Basic) or an API token (Bearer)");
            return false;
        }
        if (!request.isUserInRole(Roles.ADMIN)) {
            refuse(request, response, 403, "Forbidden", "/problems/http-403",
                    "Metrics are for administrators (RUNVAULT_METRICS_ACCESS=admin)");
            return false;
        }
        return true;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
                               String type, String detail) throws IOException {
        request.setAttribute(ContainerErrorPage.WRITTEN_ATTRIBUTE, Boolean.TRUE);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(new Problem(type, title, status, detail, request.getRequestURI()).toJson().toString());
    }

    private void pass(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(internal + path + query))
                .timeout(Duration.ofMinutes(2))
                .method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                forward.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking the server for " + path);
        }
        try (InputStream body = answer.body()) {
            response.setStatus(answer.statusCode());
            answer.headers().map().forEach((name, values) -> {
                if (KEPT_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            answer.headers().firstValueAsLong("content-length").ifPresent(response::setContentLengthLong);
            if (answer.statusCode() >= 400) {
                // The server's own error text, not the appliance's problem page.
                request.setAttribute(ContainerErrorPage.WRITTEN_ATTRIBUTE, Boolean.TRUE);
            }
            OutputStream out = response.getOutputStream();
            body.transferTo(out);
        }
    }
}
