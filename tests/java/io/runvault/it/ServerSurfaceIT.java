package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the server exposes beyond the API: the listening address, HTTPS-only operation, the TLS
 * keystore's password, the OpenAPI document without the OpenAPI UI, metrics for administrators
 * only (RUNVAULT_METRICS_ACCESS=admin), and clients following job logs (bounded, holding no thread).
 */
// Run once, on the embedded default: listeners, redirects, TLS files and log followers do not depend on the database.
@EnabledIfSystemProperty(named = "runvault.test.database", matches = "h2")
class ServerSurfaceIT {

    private static final int REQUEST_THREADS = 8;
    private static final int FOLLOWERS = 12;

    private static RunvaultServer server;
    private static HttpClient https;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-surface-");
        Files.createDirectories(data.resolve("config"));
        // Fewer request threads than log followers: a follower that held a thread would starve the API.
        Files.writeString(data.resolve("config/site.xml"), "<server><executor coreThreads=\"4\" maxThreads=\""
                + REQUEST_THREADS + "\"/></server>");
        server = new RunvaultServer(data, SuiteDatabase.fresh(), RunvaultServer.env(
                "RUNVAULT_HTTP_HOST", "127.0.0.1",
                "RUNVAULT_HTTPS_REDIRECT", "true",
                "RUNVAULT_JOBS_LOG_FOLLOWERS", String.valueOf(FOLLOWERS),
                "RUNVAULT_METRICS_ACCESS", "admin")).start();
        https = SelfSignedTls.client().build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    @Test
    void theServerListensOnlyOnTheConfiguredAddress() throws Exception {
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", port(server.baseUrl())), 10_000);
        }
        // 127.0.0.2 is this machine too (the whole 127/8 is loopback), but not the configured address.
        assertThrows(ConnectException.class, () -> {
            try (Socket other = new Socket()) {
                other.connect(new InetSocketAddress("127.0.0.2", port(server.baseUrl())), 10_000);
            }
        });
    }

    @Test
    void plainHttpIsRedirectedToHttpsWhichAsksBrowsersToStayThere() throws Exception {
        HttpResponse<String> redirected = http.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v1/models?limit=5"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(308, redirected.statusCode(), redirected.body());
        assertEquals(server.httpsUrl() + "/api/v1/models?limit=5", redirected.headers().firstValue("Location").orElse(""));
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, console.statusCode());

        HttpResponse<String> secure = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/api/v1/models"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secure.statusCode(), secure.body());
        assertTrue(secure.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="),
                secure.headers().map().toString());
        // Probes keep working on plain HTTP.
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void theKeystorePasswordIsMadeForThisInstallation() throws Exception {
        Path tls = server.dataDirectory().resolve("tls");
        Path passwordFile = tls.resolve("keystore.password");
        assertTrue(Files.isRegularFile(passwordFile), "no per-installation password in " + tls);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
        assertTrue(password.length() >= 24, "a long random password");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.resolve("key.p12"))) {
            store.load(in, password.toCharArray());
        }
        assertTrue(store.size() > 0);
        assertThrows(IOException.class, () -> {
            try (InputStream in = Files.newInputStream(tls.resolve("key.p12"))) {
                KeyStore.getInstance("PKCS12").load(in, "runvault-self-signed".toCharArray());
            }
        }, "the password every copy of the appliance used to share no longer opens the keystore");
    }

    @Test
    void theOpenApiDocumentIsServedButNotTheOpenApiUi() throws Exception {
        for (String path : List.of("/openapi/ui/", "/openapi/ui", "/openapi/ui/index.html", "/openapi/ui/oauth2-redirect.html",
                "/openapi/ui/css/", "/ibm/api/")) {
            HttpResponse<String> ui = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(ui.statusCode() == 404 || ui.statusCode() == 403, path + " answered " + ui.statusCode());
            assertFalse(ui.body().toLowerCase(java.util.Locale.ROOT).contains("swagger"), path + ": " + ui.body());
        }
        HttpResponse<String> document = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("openapi: 3.1"), document.body());
        assertTrue(document.body().contains("/api/v1/jobs/{id}/log"));
        HttpResponse<String> json = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/openapi?format=JSON"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json.body().trim().startsWith("{"), json.body());
        // Plain HTTP too, for tools that fetch the contract before HTTPS is set up.
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void metricsAreForAdministratorsWhenConfiguredSo() throws Exception {
        String metrics = server.httpsUrl() + "/metrics";
        HttpResponse<String> anonymous = https.send(HttpRequest.newBuilder(URI.create(metrics)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(metrics + "?scope=base")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        String viewer = "metrics-viewer";
        String password = "metrics-viewer-pw-" + System.nanoTime();
        HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/api/v1/users"))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + viewer + "\",\"password\":\"" + password
                        + "\",\"roles\":[\"viewer\",\"contributor\",\"approver\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> notAdmin = https.send(HttpRequest.newBuilder(URI.create(metrics))
                .header("Authorization", RunvaultServer.basic(viewer, password)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, notAdmin.statusCode(), notAdmin.body());

        HttpResponse<String> admin = https.send(HttpRequest.newBuilder(URI.create(metrics))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains("# TYPE"), admin.body());

        HttpResponse<String> issued = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/api/v1/tokens"))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"prometheus\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(issued.statusCode() == 200 || issued.statusCode() == 201, issued.body());
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(issued.body());
        assertTrue(token.find(), issued.body());
        HttpResponse<String> scraper = https.send(HttpRequest.newBuilder(URI.create(metrics + "?scope=base"))
                .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraper.statusCode(), scraper.body());
        assertTrue(scraper.body().contains("# TYPE"), scraper.body());
        // Health stays open for probes.
        assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void followersOfJobLogsHoldNoThreadAreBoundedAndGetTheWholeLog() throws Exception {
        HttpResponse<String> submitted = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/api/v1/jobs"))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"train\",\"dataset\":\"fashion-mnist\","
                        + "\"experiment\":\"surface-it\",\"architecture\":\"mlp\",\"epochs\":200,\"batchSize\":32,"
                        + "\"trainSamples\":2000,\"testSamples\":200,\"seed\":7}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode(), submitted.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(submitted.body());
        assertTrue(id.find(), submitted.body());
        String job = server.httpsUrl() + "/api/v1/jobs/" + id.group(1);
        String log = job + "/log";
        // Wait until the job has written to its log, so that a follower's response starts at once.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (get(log).body().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        // More followers than the server has request threads (site.xml above).
        List<HttpResponse<InputStream>> following = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            following.add(answer(https.sendAsync(request(log + "?follow=true"), HttpResponse.BodyHandlers.ofInputStream()),
                    "follower " + (i + 1) + " of " + FOLLOWERS + " (the server has " + REQUEST_THREADS + " request threads)"));
            assertEquals(200, following.get(i).statusCode());
        }
        HttpResponse<String> view = answer(https.sendAsync(request(job), HttpResponse.BodyHandlers.ofString()),
                "the API while " + FOLLOWERS + " clients follow job logs");
        assertEquals(200, view.statusCode(), view.body());

        HttpResponse<InputStream> excess = https.send(request(log + "?follow=true"), HttpResponse.BodyHandlers.ofInputStream());
        String excessBody;
        try (InputStream body = excess.body()) {
            excessBody = excess.statusCode() == 429 ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "(a stream)";
        }
        assertEquals(429, excess.statusCode(), "a follower was let in beyond the limit of " + FOLLOWERS);
        assertTrue(excess.headers().firstValue("Retry-After").isPresent());
        assertTrue(excess.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(excessBody.contains("/problems/too-many-log-followers"), excessBody);
        assertEquals(200, get(log).statusCode(), "reading the log without following is not limited");

        HttpResponse<String> stopped = https.send(HttpRequest.newBuilder(URI.create(job + "/stop"))
                .header("Authorization", RunvaultServer.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stopped.statusCode(), stopped.body());
        // Each stream ends when the job has stopped, and holds the whole log, its last line included.
        List<CompletableFuture<String>> bodies = new ArrayList<>();
        for (HttpResponse<InputStream> response : following) {
            bodies.add(CompletableFuture.supplyAsync(() -> {
                try (InputStream body = response.body()) {
                    return new String(body.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        List<String> texts = new ArrayList<>();
        for (CompletableFuture<String> body : bodies) {
            texts.add(body.get(10, TimeUnit.MINUTES));
        }
        HttpResponse<String> finished = get(job);
        assertTrue(finished.body().matches("(?s).*\"state\"\\s*:\\s*\"(stopped|failed|completed)\".*"), finished.body());
        String whole = get(log).body();
        assertFalse(whole.isEmpty());
        for (String text : texts) {
            assertEquals(whole, text, "a follower's stream is the job's whole log");
        }
        // The followers' slots are free again once their streams ended; a finished job's log ends at once.
        HttpResponse<String> again = https.send(request(log + "?follow=true"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(whole, again.body());
    }

    @Test
    void probesThatGiveUpOrCrowdInLeaveTheServersOwnEndpointsAnswering() throws Exception {
        // Probes that hang up at once (curl --max-time) and more concurrent callers than the
        // server has request threads: each waited for the internal answer on a request thread,
        // which the internal answer itself needs.
        int port = URI.create(server.baseUrl()).getPort();
        for (int i = 0; i < 4 * REQUEST_THREADS; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET /health/ready HTTP/1.1\r\nHost: localhost:" + port
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        List<CompletableFuture<HttpResponse<String>>> crowd = new ArrayList<>();
        for (int i = 0; i < 3 * REQUEST_THREADS; i++) {
            crowd.add(https.sendAsync(request(server.httpsUrl() + (i % 2 == 0 ? "/health/ready" : "/metrics")),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> each : crowd) {
            HttpResponse<String> answered = answer(each, "a probe among " + crowd.size());
            assertTrue(answered.statusCode() == 200 || answered.statusCode() == 503, answered.statusCode() + " " + answered.body());
            if (answered.statusCode() == 503) {
                assertTrue(answered.headers().firstValue("Retry-After").isPresent());
            }
        }
        assertEquals(200, answer(https.sendAsync(request(server.httpsUrl() + "/health/ready"),
                HttpResponse.BodyHandlers.ofString()), "readiness after the crowd").statusCode());
        assertEquals(200, answer(https.sendAsync(request(server.httpsUrl() + "/api/v1/models"),
                HttpResponse.BodyHandlers.ofString()), "the API after the crowd").statusCode());
    }

    /** The response, or a failure naming what did not answer: generous, no timing is asserted. */
    private static <T> HttpResponse<T> answer(CompletableFuture<HttpResponse<T>> response, String what) throws Exception {
        try {
            return response.get(3, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new AssertionError("no answer in 3 minutes: " + what, e);
        }
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", RunvaultServer.adminAuthorization()).build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return https.send(request(url), HttpResponse.BodyHandlers.ofString());
    }
}
