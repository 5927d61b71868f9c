package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Today's appliance on a data directory written by an older release (tests/fixtures/upgrade-data.tar.gz,
 * made by make-upgrade-fixture.sh at schema version 8): it migrates at start and everything is still
 * there and verifies (NewerSchemaIT: the refusal of a newer schema). runvaultctl refuses to restore a
 * backup made by a newer version. H2 only: the fixture is an H2 data directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    private static final Path FIXTURE = Path.of("tests/fixtures/upgrade-data.tar.gz");
    private static final String FIXTURE_SCHEMA = "8";
    private static final String ADMIN = RunvaultServer.basic("admin", "fixture-admin-secret");
    private static final String MODEL = "fixture-classifier";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RunvaultServer upgraded;

    @BeforeAll
    static void startOnACopyOfTheFixture() throws Exception {
        assumeTrue(SuiteDatabase.kind().equals("h2"), "the fixture is an H2 data directory");
        RunvaultServer server = new RunvaultServer(unpackFixture("upgrade"), SuiteDatabase.fresh(), Map.of());
        try {
            upgraded = server.start();
        } catch (RuntimeException notReady) {
            server.close(); // a server that never got ready is still running
            throw notReady;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (upgraded != null) {
            upgraded.close();
        }
    }

    static Path unpackFixture(String name) throws Exception {
        Path parent = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-" + name + "-");
        run(List.of("tar", "-xzf", FIXTURE.toAbsolutePath().toString(), "-C", parent.toString()), Map.of(), parent);
        return parent.resolve("data");
    }

    record Result(int exit, String stdout, String stderr) {
        String output() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    static Result run(List<String> command, Map<String, String> env, Path directory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("upgrade", ".out");
        Path err = Files.createTempFile("upgrade", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(600, TimeUnit.SECONDS), command + " finished");
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static HttpResponse<byte[]> send(String method, String path, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upgraded.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(String method, String path, String authorization) throws Exception {
        HttpResponse<byte[]> response = send(method, path, authorization);
        assertEquals(200, response.statusCode(), method + " " + path + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    /** The newest schema this build knows: its highest migration. */
    static String knownSchema() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            return String.valueOf(files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
        }
    }

    /** The offline bundle's tree that mvn package lays out (target/dist/runvault-VERSION). */
    static Path bundle() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of("target/dist"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("runvault-") && Files.isDirectory(d))
                    .findFirst().orElseThrow(() -> new IllegalStateException("mvn package makes target/dist/runvault-VERSION"))
                    .toAbsolutePath();
        }
    }

    @Test
    void theUpgradeMigratesAfterCopyingTheDatabase() throws Exception {
        String log = upgraded.log();
        assertTrue(log.contains("Database schema at version " + knownSchema()), log);
        assertTrue(log.contains("upgraded from version " + FIXTURE_SCHEMA), log);
        Path copy = upgraded.dataDirectory().resolve("backups/pre-upgrade-" + FIXTURE_SCHEMA + "-to-" + knownSchema() + ".zip");
        assertTrue(Files.size(copy) > 0, "the database as it was before the upgrade: " + copy);
    }

    @Test
    void everyRunIsReadableAndNamedByItsManifestsDigest() throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json("GET", "/api/v1/runs?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), ADMIN);
            page.get("items").forEach(run -> ids.add(run.get("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertTrue(ids.size() >= 4, "three pushed runs and the train job's: " + ids);
        for (String id : ids) {
            HttpResponse<byte[]> manifest = send("GET", "/api/v1/runs/" + id + "/manifest", ADMIN);
            assertEquals(200, manifest.statusCode(), id);
            assertEquals(id, Blobs.b2sum(manifest.body()), "the run's id is the BLAKE2b-256 of its manifest");
        }
    }

    @Test
    void scrubAndAuditVerifyAreClean() throws Exception {
        JsonNode scrub = json("POST", "/api/v1/admin/scrub", ADMIN);
        assertEquals(0, scrub.get("corrupt").size(), scrub.toString());
        assertEquals(0, scrub.get("missing").size(), scrub.toString());
        assertTrue(scrub.get("blobsChecked").asLong() > 0, scrub.toString());
        JsonNode audit = json("POST", "/api/v1/audit/verify", ADMIN);
        assertTrue(audit.get("intact").asBoolean(), audit.toString());
        JsonNode approvals = json("GET", "/api/v1/audit?action=promotion.approve&limit=10", ADMIN);
        assertEquals(1, approvals.get("items").size(), approvals.toString());
        assertEquals("bob", approvals.get("items").get(0).get("actor").asText());
    }

    @Test
    void theFixturesUsersLogIn() throws Exception {
        assertEquals("admin", json("GET", "/api/v1/users/me", ADMIN).get("username").asText());
        JsonNode alice = json("GET", "/api/v1/users/me", RunvaultServer.basic("alice", "fixture-alice-secret"));
        assertEquals("[\"contributor\"]", alice.get("roles").toString());
        JsonNode bob = json("GET", "/api/v1/users/me", RunvaultServer.basic("bob", "fixture-bob-secret"));
        assertEquals("[\"approver\"]", bob.get("roles").toString());
        assertEquals(401, send("GET", "/api/v1/users/me", RunvaultServer.basic("bob", "wrong")).statusCode());
    }

    @Test
    void modelsKeepTheirStageHistory() throws Exception {
        JsonNode first = json("GET", "/api/v1/models/" + MODEL + "/versions/1", ADMIN);
        assertEquals("production", first.get("stage").asText());
        List<String> stages = new ArrayList<>();
        first.get("history").forEach(t -> stages.add(t.get("to").asText()));
        assertEquals(List.of("raw", "validated", "production"), stages, first.toString());
        assertEquals("raw", json("GET", "/api/v1/models/" + MODEL + "/versions/2", ADMIN).get("stage").asText());
    }

    @Test
    void theFinishedJobIsListedCompleted() throws Exception {
        JsonNode jobs = json("GET", "/api/v1/jobs?limit=50", ADMIN).get("items");
        assertEquals(1, jobs.size(), jobs.toString());
        assertEquals("train", jobs.get(0).get("kind").asText());
        assertEquals("completed", jobs.get(0).get("state").asText());
    }

    @Test
    void restoreRefusesABackupMadeByANewerVersion() throws Exception {
        Path root = Files.createTempDirectory("runvault-upgrade-backups");
        try {
            backUpThenRestore(root);
        } finally {
            // As root with a runvault user present, restore hands its files to that user; leave none behind.
            run(List.of("rm", "-rf", root.toString()), Map.of(), Path.of("/"));
        }
    }

    private static void backUpThenRestore(Path root) throws Exception {
        Path ctl = bundle().resolve("bin/runvaultctl");
        String version = Files.readString(bundle().resolve("VERSION")).strip();
        Path env = root.resolve("runvault.env");
        Files.writeString(env, "RUNVAULT_HTTP_PORT=" + URI.create(upgraded.baseUrl()).getPort() + "\n"
                + "RUNVAULT_ADMIN_PASSWORD=fixture-admin-secret\nRUNVAULT_DATA=" + upgraded.dataDirectory() + "\n");
        Result backup = run(List.of("sh", ctl.toString(), "backup", root.resolve("backups").toString()),
                Map.of("RUNVAULTCTL_ENV_FILE", env.toString()), root);
        assertEquals(0, backup.exit(), backup.output());
        Path snapshot;
        try (Stream<Path> snapshots = Files.list(root.resolve("backups"))) {
            snapshot = snapshots.filter(p -> p.getFileName().toString().startsWith("snapshot-")).findFirst().orElseThrow();
        }
        String recorded = Files.readString(snapshot.resolve("snapshot.json"));
        assertTrue(recorded.contains("\"applianceVersion\":\"" + version + "\""), recorded);
        assertTrue(recorded.contains("\"schemaVersion\":\"" + knownSchema() + "\""), recorded);

        // The same backup as a newer Runvault would have written it, its MANIFEST made to match.
        Path newer = snapshot.resolveSibling("snapshot-from-a-newer-version");
        run(List.of("cp", "-Rp", snapshot.toString(), newer.toString()), Map.of(), root);
        Files.writeString(newer.resolve("snapshot.json"), recorded
                .replace("\"applianceVersion\":\"" + version + "\"", "\"applianceVersion\":\"99.0.0\"")
                .replace("\"schemaVersion\":\"" + knownSchema() + "\"", "\"schemaVersion\":\"99\""));
        Result manifest = run(List.of("sh", "-c", "find . -type f ! -name MANIFEST | sort | sed 's|^\\./||' "
                + "| xargs b2sum -l 256 > MANIFEST"), Map.of(), newer);
        assertEquals(0, manifest.exit(), manifest.output());

        Path target = root.resolve("restored-newer");
        Result refused = run(List.of("sh", ctl.toString(), "restore", newer.toString()),
                Map.of("RUNVAULTCTL_ENV_FILE", "/dev/null", "RUNVAULT_DATA", target.toString()), root);
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.stderr().contains("this backup was made by Runvault 99.0.0 (database schema 99), newer than "
                + "this installation (Runvault " + version + ", schema " + knownSchema() + "): install Runvault 99.0.0 or "
                + "later to restore it"), refused.output());
        assertFalse(Files.exists(target) && Files.list(target).findAny().isPresent(), "nothing restored");

        // The backup this version made restores.
        Result restored = run(List.of("sh", ctl.toString(), "restore", snapshot.toString()),
                Map.of("RUNVAULTCTL_ENV_FILE", "/dev/null", "RUNVAULT_DATA", root.resolve("restored").toString()), root);
        assertEquals(0, restored.exit(), restored.output());
        assertTrue(restored.stdout().contains("made by Runvault " + version + " (schema " + knownSchema() + ")"),
                restored.output());
    }

    /** Last: stops the upgraded server and rolls its database back as the README says. */
    @Test
    @Order(Integer.MAX_VALUE)
    void rollingBackPutsThePreUpgradeDatabaseBack() throws Exception {
        upgraded.stop();
        Path data = upgraded.dataDirectory();
        Result unzip = run(List.of("unzip", "-o", "backups/pre-upgrade-" + FIXTURE_SCHEMA + "-to-" + knownSchema() + ".zip",
                "-d", "db"), Map.of(), data);
        assertEquals(0, unzip.exit(), unzip.output());
        try (Connection db = DriverManager.getConnection(upgraded.jdbcUrl(), upgraded.jdbcUser(), upgraded.jdbcPassword());
                Statement sql = db.createStatement();
                var row = sql.executeQuery("SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"schema_history\"")) {
            assertTrue(row.next());
            assertEquals(Integer.parseInt(FIXTURE_SCHEMA), row.getInt(1), "the schema the older release left");
        }
    }
}
