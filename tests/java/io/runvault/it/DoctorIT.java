package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * runvaultctl status, doctor and support-bundle against one server of its own (a later check makes its
 * store unwritable and the last one stops it), and the admin status and doctor endpoints behind them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEAKED_TOKEN = "token-value-4711-never-shown";
    private static RunvaultServer server;
    private static Path envFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = RunvaultServer.fresh("doctor", RunvaultServer.env());
        envFile = Files.createTempFile("runvault-doctor", ".env");
        Files.writeString(envFile, "# as in /etc/runvault/runvault.env\n"
                + "RUNVAULT_HTTP_PORT=" + URI.create(server.baseUrl()).getPort() + "\n"
                + "RUNVAULT_HTTPS_PORT=" + URI.create(server.httpsUrl()).getPort() + "\n"
                + "RUNVAULT_INTERNAL_PORT=" + server.internalPort() + "\n"
                + "RUNVAULT_ADMIN_PASSWORD=\"" + RunvaultServer.ADMIN_PASSWORD + "\"\n"
                + "RUNVAULT_EXAMPLE_API_TOKEN=" + LEAKED_TOKEN + "\n"
                + "RUNVAULT_DATA=" + server.dataDirectory() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (envFile != null) {
            Files.deleteIfExists(envFile);
        }
    }

    private HttpResponse<String> get(String path, String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    @Test
    @Order(1)
    void theAdminEndpointsAnswerAdministratorsOnlyWithProblemsOtherwise() throws Exception {
        HttpResponse<String> status = get("/api/v1/admin/status", RunvaultServer.adminAuthorization(), "application/json");
        assertEquals(200, status.statusCode(), status.body());
        JsonNode facts = JSON.readTree(status.body());
        assertEquals(server.dataDirectory().toRealPath().toString(), Path.of(facts.get("dataDirectory").asText()).toRealPath().toString());
        assertEquals(0, facts.get("pendingMigrations").asInt(), status.body());
        assertEquals("PyTorch", facts.get("engine").asText());
        assertEquals(0, facts.get("gpuCount").asInt(), "a CPU build on a machine without GPUs: " + status.body());
        assertTrue(facts.get("diskFreeBytes").asLong() > 0);
        assertFalse(status.body().contains(server.jdbcPassword() + "@"), status.body());

        HttpResponse<String> doctor = get("/api/v1/admin/doctor", RunvaultServer.adminAuthorization(), "application/json");
        assertEquals(200, doctor.statusCode(), doctor.body());
        JsonNode report = JSON.readTree(doctor.body());
        assertEquals("OK", report.get("verdict").asText(), doctor.body());
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(check -> names.add(check.get("name").asText()));
        assertEquals(List.of("clock", "database", "migrations", "store", "disk", "pytorch", "onnxruntime", "tls"), names);

        Users.Login contributor = Users.create(server, "contributor");
        for (String path : List.of("/api/v1/admin/status", "/api/v1/admin/doctor")) {
            HttpResponse<String> refused = get(path, contributor.authorization(), "application/json");
            assertEquals(403, refused.statusCode(), path);
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path);
            assertEquals(403, JSON.readTree(refused.body()).get("status").asInt(), refused.body());
            HttpResponse<String> anonymous = get(path, null, "application/json");
            assertEquals(401, anonymous.statusCode(), path);
            assertTrue(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), path);
        }
        HttpResponse<String> badTime = get("/api/v1/admin/doctor?callerTime=yesterday", RunvaultServer.adminAuthorization(),
                "application/json");
        assertEquals(400, badTime.statusCode(), badTime.body());
        assertTrue(badTime.body().contains("bad-caller-time"), badTime.body());
        HttpResponse<String> skewed = get("/api/v1/admin/doctor?callerTime=" + (System.currentTimeMillis() / 1000 - 3600),
                RunvaultServer.adminAuthorization(), "text/plain");
        assertEquals(200, skewed.statusCode(), skewed.body());
        assertEquals(1, lines(skewed.body(), "FAIL  clock ").size(), "an hour apart is not a sane clock:\n" + skewed.body());
    }

    @Test
    @Order(2)
    void statusShowsTheServersFacts() throws Exception {
        new Runs(Clients.admin(server)).upload(Blobs.random(4096, 77));
        Ctl status = ctl("status");
        System.out.println("DoctorIT runvaultctl status:\n" + status.output());
        assertEquals(0, status.exit(), status.output());
        String out = status.stdout();
        assertTrue(out.contains("service:        ready"), status.output());
        assertTrue(out.matches("(?s).*version:        \\d+\\.\\d+\\.\\d+.*\\(commit .*"), status.output());
        assertTrue(out.matches("(?s).*schema:         version \\d+ \\(current\\).*"), status.output());
        assertTrue(out.contains("database:       " + SuiteDatabase.kind()), status.output());
        assertTrue(out.matches("(?s).*blobs:          [1-9]\\d*\n.*"), status.output());
        assertTrue(out.contains("jobs running:   0"), status.output());
        assertTrue(out.contains("GPUs visible:   "), status.output());
        assertTrue(out.matches("(?s).*DJL engine:     PyTorch \\d+\\.\\d+\\.\\d+, sees 0 GPU\\(s\\).*"), status.output());
        assertTrue(out.contains("data directory: " + server.dataDirectory()), status.output());
    }

    @Test
    @Order(3)
    void doctorOnAHealthyServerIsAllOk() throws Exception {
        Ctl doctor = ctl("doctor");
        System.out.println("DoctorIT runvaultctl doctor:\n" + doctor.output());
        assertEquals(0, doctor.exit(), doctor.output());
        List<String> verdicts = doctor.stdout().lines().toList();
        for (String name : List.of("config", "service", "ports", "clock", "database", "migrations", "store", "disk", "pytorch",
                "onnxruntime", "tls")) {
            assertEquals(1, lines(doctor.stdout(), String.format("ok    %-13s ", name)).size(), name + ":\n" + doctor.output());
        }
        assertEquals(11, verdicts.size(), doctor.output());
    }

    @Test
    @Order(4)
    void doctorFailsWhenTheStoreIsNotWritable() throws Exception {
        Path temp = server.dataDirectory().resolve("blobs").resolve(".tmp");
        // A file where the store writes new objects: not writable even for root.
        Files.delete(temp);
        Files.writeString(temp, "in the way");
        try {
            Ctl doctor = ctl("doctor");
            assertEquals(1, doctor.exit(), doctor.output());
            assertEquals(1, lines(doctor.stdout(), "FAIL  store         cannot create and sync a file in").size(), doctor.output());
            assertEquals(1, lines(doctor.stdout(), "FAIL  service       running at").size(), "not ready:\n" + doctor.output());
            assertTrue(doctor.stderr().contains("doctor: FAILED"), doctor.output());
        } finally {
            Files.delete(temp);
            Files.createDirectory(temp);
        }
        assertEquals(0, ctl("doctor").exit(), "healthy again");
    }

    @Test
    @Order(5)
    void supportBundleHoldsLogsConfigurationVersionsAndReportsButNoSecret() throws Exception {
        String keystorePassword = Files.readString(server.dataDirectory().resolve("tls/keystore.password")).trim();
        // A log that leaked secrets: the bundle masks them wherever they appear.
        Files.writeString(server.dataDirectory().resolve("logs/messages.log"), "\n[leak] admin " + RunvaultServer.ADMIN_PASSWORD
                + " keystore " + keystorePassword + " token " + LEAKED_TOKEN + "\n", java.nio.file.StandardOpenOption.APPEND);
        Path scratch = Files.createTempDirectory("support");
        Path bundle = scratch.resolve("support.tar.gz");
        Ctl made = ctl("support-bundle", bundle.toString());
        System.out.println("DoctorIT runvaultctl support-bundle:\n" + made.output());
        assertEquals(0, made.exit(), made.output());
        Path unpacked = Files.createDirectory(scratch.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", bundle.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path root;
        try (Stream<Path> top = Files.list(unpacked)) {
            root = top.findFirst().orElseThrow();
        }
        assertTrue(root.getFileName().toString().startsWith("runvault-support-"), root.toString());
        for (String file : List.of("logs/messages.log", "config/runvault.env", "config/environment.txt", "versions.txt",
                "status.txt", "doctor.txt")) {
            assertTrue(Files.isRegularFile(root.resolve(file)), file + " in " + made.output());
        }
        String env = Files.readString(root.resolve("config/runvault.env"));
        assertTrue(env.contains("RUNVAULT_ADMIN_PASSWORD=***"), env);
        assertTrue(env.contains("RUNVAULT_EXAMPLE_API_TOKEN=***"), env);
        assertTrue(env.contains("RUNVAULT_HTTP_PORT=" + URI.create(server.baseUrl()).getPort()), env);
        assertTrue(Files.readString(root.resolve("status.txt")).contains("service:        ready"));
        assertTrue(Files.readString(root.resolve("doctor.txt")).contains("ok    database"));
        assertTrue(Files.readString(root.resolve("versions.txt")).contains("java (this machine): "));
        assertTrue(Files.readString(root.resolve("logs/messages.log")).contains("[leak] admin *** keystore *** token ***"));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(RunvaultServer.ADMIN_PASSWORD), "the admin password in " + file);
                assertFalse(text.contains(keystorePassword), "the key store's password in " + file);
                assertFalse(text.contains(LEAKED_TOKEN), "a token in " + file);
            }
        }
    }

    @Test
    @Order(6)
    void withTheServerStoppedDoctorFailsAndSaysWhatItCouldNotCheck() throws Exception {
        server.stop();
        Ctl doctor = ctl("doctor");
        System.out.println("DoctorIT runvaultctl doctor, server stopped:\n" + doctor.output());
        assertEquals(1, doctor.exit(), doctor.output());
        String out = doctor.stdout();
        assertEquals(1, lines(out, "FAIL  service       not running").size(), doctor.output());
        assertEquals(1, lines(out, "ok    ports ").size(), "the ports are free:\n" + doctor.output());
        for (String name : List.of("database", "migrations", "pytorch", "onnxruntime")) {
            assertEquals(1, lines(out, String.format("WARN  %-13s not checked: needs the running service", name)).size(),
                    doctor.output());
        }
        assertEquals(1, lines(out, "ok    store ").size(), doctor.output());
        assertEquals(1, lines(out, "ok    clock ").size(), doctor.output());
        assertEquals(1, lines(out, "ok    tls ").size(), doctor.output());

        Ctl status = ctl("status");
        assertEquals(3, status.exit(), status.output());
        assertTrue(status.stdout().contains("service:        NOT running"), status.output());
    }

    private record Ctl(int exit, String stdout, String stderr) {
        String output() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** The packaged script with an empty environment but for PATH: everything else comes from the env file. */
    private static Ctl ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "src/dist/bin/runvaultctl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("RUNVAULTCTL_ENV_FILE", envFile.toString());
        Path out = Files.createTempFile("ctl", ".out");
        Path err = Files.createTempFile("ctl", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(600, TimeUnit.SECONDS), "runvaultctl finished");
            return new Ctl(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
