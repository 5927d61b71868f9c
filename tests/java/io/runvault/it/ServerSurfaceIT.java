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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the server exposes beyond the API: the listening address, HTTPS-only operation, the TLS
 * keystore's password, and the bound on clients following job logs.
 */
// Run once, on the embedded default: listeners, redirects, TLS files and log followers do not depend on the database.
@EnabledIfSystemProperty(named = "runvault.test.database", matches = "h2")
class ServerSurfaceIT {

    private static RunvaultServer server;
    private static HttpClient https;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = RunvaultServer.fresh("surface", RunvaultServer.env(
                "RUNVAULT_HTTP_HOST", "127.0.0.1",
                "RUNVAULT_HTTPS_REDIRECT", "true",
                "RUNVAULT_JOBS_LOG_FOLLOWERS", "1"));
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
    void followersOfJobLogsAreBoundedAndTheExcessIsToldWhenToRetry() throws Exception {
        HttpResponse<String> submitted = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/api/v1/jobs"))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"train\",\"dataset\":\"fashion-mnist\","
                        + "\"experiment\":\"surface-it\",\"architecture\":\"mlp\",\"epochs\":200,\"batchSize\":32,"
                        + "\"trainSamples\":2000,\"testSamples\":200,\"seed\":7}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode(), submitted.body());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(submitted.body());
        assertTrue(id.find(), submitted.body());
        String log = server.httpsUrl() + "/api/v1/jobs/" + id.group(1) + "/log";
        // Wait until the job has written to its log, so that a follower's response starts at once.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (get(log).body().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        CompletableFuture<HttpResponse<InputStream>> first = https.sendAsync(request(log + "?follow=true"),
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> following = first.get(5, TimeUnit.MINUTES);
        assertEquals(200, following.statusCode());

        HttpResponse<InputStream> excess = https.send(request(log + "?follow=true"), HttpResponse.BodyHandlers.ofInputStream());
        String excessBody;
        try (InputStream body = excess.body()) {
            excessBody = excess.statusCode() == 429 ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "(a stream)";
        }
        assertEquals(429, excess.statusCode(), "a second follower was let in although the limit is 1");
        assertTrue(excess.headers().firstValue("Retry-After").isPresent());
        assertTrue(excess.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(excessBody.contains("/problems/too-many-log-followers"), excessBody);
        assertEquals(200, get(log).statusCode(), "reading the log without following is not limited");

        HttpResponse<String> stopped = https.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/api/v1/jobs/"
                        + id.group(1) + "/stop")).header("Authorization", RunvaultServer.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stopped.statusCode(), stopped.body());
        try (InputStream body = following.body()) {
            assertFalse(new String(body.readAllBytes(), StandardCharsets.UTF_8).isEmpty(), "the follower got the log");
        }
        // The follower's slot is free again once its stream ended (the job stopped).
        HttpResponse<String> again = https.send(request(log + "?follow=true"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), again.body());
    }

    private static HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", RunvaultServer.adminAuthorization()).build();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return https.send(request(url), HttpResponse.BodyHandlers.ofString());
    }
}
