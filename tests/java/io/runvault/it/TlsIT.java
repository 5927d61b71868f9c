package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The operator's own certificate (RUNVAULT_TLS_CERT, RUNVAULT_TLS_KEY, PEM): served instead of the
 * self-signed one, replaced while the server runs, a bad replacement refused with the last good
 * certificate kept, bad files at start refused; and HTTPS-only operation with a chosen HSTS value.
 */
// Run once, on the embedded default: certificates do not depend on the database.
@EnabledIfSystemProperty(named = "runvault.test.database", matches = "h2")
class TlsIT {

    /** Generous: the files are checked every few seconds and the keystore polled; a busy machine is slower. */
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(240);
    private static final String HSTS = "max-age=600; includeSubDomains";

    private static Path pem;
    private static Path certificateFile;
    private static Path keyFile;
    private static RunvaultServer server;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-tls-");
        pem = Files.createDirectories(data.resolve("operator-pem"));
        // A: RSA, its key in the older PKCS#1 form; B: EC P-256, its key as PKCS#8.
        openssl(pem, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "a.pkcs8", "-out", "a.crt",
                "-days", "2", "-subj", "/CN=a.runvault.test");
        openssl(pem, "rsa", "-in", "a.pkcs8", "-traditional", "-out", "a.key");
        openssl(pem, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "b.key", "-out", "b.crt", "-days", "2", "-subj", "/CN=b.runvault.test");
        certificateFile = pem.resolve("server.crt");
        keyFile = pem.resolve("server.key");
        put("a.crt", "a.key");
        server = new RunvaultServer(data, SuiteDatabase.fresh(), RunvaultServer.env(
                "RUNVAULT_TLS_CERT", certificateFile.toString(),
                "RUNVAULT_TLS_KEY", keyFile.toString(),
                "RUNVAULT_HTTPS_REDIRECT", "true",
                "RUNVAULT_HSTS", HSTS)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "openssl " + String.join(" ", args) + ":\n" + output);
    }

    /** Overwrites the served files in place, the certificate first, as an operator's cp does. */
    private static void put(String certificate, String key) throws IOException {
        Files.write(certificateFile, Files.readAllBytes(pem.resolve(certificate)));
        Files.write(keyFile, Files.readAllBytes(pem.resolve(key)));
    }

    /** The certificate the HTTPS listener presents to a new connection (a new context: no resumed session). */
    private static String served() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost",
                URI.create(server.httpsUrl()).getPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static String log() throws IOException {
        Path messages = server.dataDirectory().resolve("logs/messages.log");
        return server.log() + (Files.exists(messages) ? Files.readString(messages, StandardCharsets.UTF_8) : "");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + RELOAD_WAIT + ":\n" + server.logTail());
            }
            Thread.sleep(1000);
        }
    }

    private static String servedOrError() {
        try {
            return served();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static boolean logged(String text) {
        try {
            return log().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theOperatorsCertificateIsServedAndReplacedWithoutARestart() throws Exception {
        assertEquals("CN=a.runvault.test", served(), "the configured certificate, not the self-signed one");

        put("b.crt", "b.key");
        await("the replaced certificate is served", () -> "CN=b.runvault.test".equals(servedOrError()));

        // A mistaken replacement: A's certificate with B's key.
        put("a.crt", "b.key");
        await("the refusal is logged", () -> logged("The TLS certificate files were not taken"));
        String log = log();
        assertTrue(log.contains("does not belong to the first certificate in " + certificateFile), log);
        assertEquals("CN=b.runvault.test", served(), "the last good certificate stays");
    }

    @Test
    void plainHttpIsRedirectedAndHttpsCarriesTheConfiguredHsts() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> redirected = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/models"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(308, redirected.statusCode());
        assertEquals(server.httpsUrl() + "/api/v1/models", redirected.headers().firstValue("Location").orElse(""));
        assertFalse(redirected.headers().firstValue("Strict-Transport-Security").isPresent(), "never on plain HTTP");

        HttpResponse<String> secure = SelfSignedTls.client().build().send(HttpRequest.newBuilder(
                URI.create(server.httpsUrl() + "/api/v1/models")).header("Authorization", RunvaultServer.adminAuthorization())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secure.statusCode(), secure.body());
        assertEquals(HSTS, secure.headers().firstValue("Strict-Transport-Security").orElse(""));
        // Probes keep answering on plain HTTP.
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void badFilesAtStartStopTheStartWithTheReason() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-tls-bad-");
        try (RunvaultServer refused = new RunvaultServer(data, SuiteDatabase.fresh(), RunvaultServer.env(
                "RUNVAULT_TLS_CERT", pem.resolve("a.crt").toString(),
                "RUNVAULT_TLS_KEY", pem.resolve("b.key").toString()))) {
            IllegalStateException failed = assertThrows(IllegalStateException.class, refused::start);
            assertTrue(failed.getMessage().contains("The server exited with 78"), failed.getMessage());
            assertTrue(failed.getMessage().contains("the TLS certificate (RUNVAULT_TLS_CERT, RUNVAULT_TLS_KEY) cannot be used"),
                    failed.getMessage());
            assertTrue(failed.getMessage().contains("does not belong to the first certificate"), failed.getMessage());
        }
    }

    /** Extended, so that the JDK does not add its own host name check around it. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
