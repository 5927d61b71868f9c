package io.runvault.security;

import io.runvault.problem.ContainerErrorPage;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>A request waits for the internal answer without holding a request thread (asynchronously):
 * the internal endpoint is served by the same server's threads, so blocked callers (probes that
 * give up early, a slow readiness check during startup) would otherwise use up the threads the
 * internal answers need, and nothing would answer any more. At most {@link #MAX_IN_FLIGHT} wait at
 * once; more get 503 with {@code Retry-After} at once.
 */
@WebServlet(urlPatterns = {"/openapi", "/openapi/*", "/health", "/health/*", "/metrics", "/metrics/*"},
        asyncSupported = true)
public class ServerEndpoints extends HttpServlet {

    /** Request headers that decide what these endpoints answer (the document's format). */
    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("accept");
    private static final Set<String> KEPT_RESPONSE_HEADERS = Set.of("content-type", "cache-control", "etag",
            "last-modified", "vary");

    static final int MAX_IN_FLIGHT = 32;
    private static final Duration INTERNAL_TIMEOUT = Duration.ofSeconds(30);

    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
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
                .connectTimeout(Duration.ofSeconds(5)).build();
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
        if (!inFlight.tryAcquire()) {
            response.setHeader("Retry-After", "1");
            refuse(request, response, 503, "Service Unavailable", "/problems/busy",
                    MAX_IN_FLIGHT + " requests for the server's own endpoints are already waiting; retry shortly");
            return;
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(internal + path + query))
                .timeout(INTERNAL_TIMEOUT)
                .method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                forward.header(name, value);
            }
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(INTERNAL_TIMEOUT.toMillis() + 5_000);
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                if (answered.compareAndSet(false, true)) {
                    inFlight.release();
                    refuse(request, response, 504, "Gateway Timeout", "/problems/http-504",
                            "The server did not answer " + path + " in time");
                    async.complete();
                }
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
                if (answered.compareAndSet(false, true)) {
                    inFlight.release();
                }
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        client.sendAsync(forward.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((answer, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                if (failure != null) {
                    refuse(request, response, 502, "Bad Gateway", "/problems/http-502",
                            "The server did not answer " + path + ": " + failure.getClass().getSimpleName());
                } else {
                    copy(answer, request, response);
                }
            } catch (IOException | RuntimeException gone) {
                // The caller went away; nothing is left to tell it.
            } finally {
                inFlight.release();
                async.complete();
            }
        });
    }

    private static void copy(HttpResponse<byte[]> answer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (KEPT_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        if (answer.statusCode() >= 400) {
            // The server's own error text, not the appliance's problem page.
            request.setAttribute(ContainerErrorPage.WRITTEN_ATTRIBUTE, Boolean.TRUE);
        }
        if (request.getMethod().equals("HEAD")) {
            answer.headers().firstValueAsLong("content-length").ifPresent(response::setContentLengthLong);
        } else {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }
}
