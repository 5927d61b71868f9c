package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.model.RunManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * runvaultctl backup while four clients upload and commit, a second (incremental) backup, then a
 * restore into an empty data directory and a server started on it: everything committed before
 * the backup started is there and verifies. On H2 the backup holds the database file (H2's online
 * backup), on PostgreSQL a pg_dump, restored with psql into a new, empty database.
 */
class BackupIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private record Ctl(int exit, String stdout, String stderr) {
        String output() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** The packaged script, its settings from an env file as on an installed appliance. */
    static Ctl ctl(Path envFile, Map<String, String> extra, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "src/dist/bin/runvaultctl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("RUNVAULTCTL_ENV_FILE", envFile.toString());
        builder.environment().putAll(extra);
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

    static Path envFile(RunvaultServer server) throws Exception {
        Path file = Files.createTempFile("runvault", ".env");
        Files.writeString(file, "# as /etc/runvault/runvault.env\n"
                + "RUNVAULT_HTTP_PORT=" + URI.create(server.baseUrl()).getPort() + "\n"
                + "RUNVAULT_ADMIN_PASSWORD=" + RunvaultServer.ADMIN_PASSWORD + "\n"
                + "RUNVAULT_DATA=" + server.dataDirectory() + "\n"
                + databaseSettings(server.database()).entrySet().stream()
                        .map(setting -> setting.getKey() + "=" + setting.getValue() + "\n").collect(Collectors.joining()));
        return file;
    }

    /** The RUNVAULT_DB_* settings of a PostgreSQL database; none for the embedded H2 default. */
    static Map<String, String> databaseSettings(SuiteDatabase.Connection database) {
        if (database.url() == null) {
            return Map.of();
        }
        return Map.of("RUNVAULT_DB_URL", database.url(), "RUNVAULT_DB_USER", database.user(),
                "RUNVAULT_DB_PASSWORD", database.password());
    }

    private String get(RunvaultServer server, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private JsonNode post(RunvaultServer server, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, path + ": " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }

    private static long count(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        assertTrue(m.find(), "'" + pattern + "' in:\n" + output);
        return Long.parseLong(m.group(1));
    }

    @Test
    void backupWhileFourClientsCommitThenRestoreIntoAnEmptyDirectoryKeepsEverythingCommittedBefore() throws Exception {
        RunvaultServer source = SharedServer.get();
        Runs pipeline = new Runs(Clients.admin(source));
        // Committed before the backup starts: runs, a user, a model whose version has a stage history.
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RunManifest manifest = pipeline.manifest("backup-before-" + i, Runs.suite(70_000 + i))
                    .putParamsItem("nonce", UUID.randomUUID().toString());
            before.add(pipeline.commit(manifest).getId());
        }
        Users.Login user = Users.create(source, "contributor");
        String model = "backup-model-" + UUID.randomUUID().toString().substring(0, 8);
        post(source, "/api/v1/models", "{\"name\":\"" + model + "\"}");
        RunManifest withModel = pipeline.manifest("backup-model", Map.of("exports/model.onnx", Blobs.random(5000, 71_000)))
                .putParamsItem("nonce", UUID.randomUUID().toString());
        String modelRun = pipeline.commit(withModel).getId();
        before.add(modelRun);
        post(source, "/api/v1/models/" + model + "/versions", "{\"runId\":\"" + modelRun + "\",\"path\":\"exports/model.onnx\"}");
        post(source, "/api/v1/models/" + model + "/versions/1/archive", "");
        String modelBefore = get(source, "/api/v1/models/" + model);
        String usersBefore = get(source, "/api/v1/users");
        long auditBefore = JSON.readTree(get(source, "/api/v1/audit?limit=1")).get("items").get(0).get("seq").asLong();

        Path envFile = envFile(source);
        Path backups = Files.createTempDirectory(source.dataDirectory().getParent(), "runvault-backups-");
        Path restored = source.dataDirectory().resolveSibling(source.dataDirectory().getFileName() + "-restored");
        // The restored copy's own database: a new, empty one on PostgreSQL; H2's file under the data directory.
        SuiteDatabase.Connection target = SuiteDatabase.fresh();
        Map<String, String> restoreSettings = new HashMap<>(databaseSettings(target));
        restoreSettings.put("RUNVAULT_DATA", restored.toString());
        List<String> during = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        RunvaultServer copy = null;
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                work.add(clients.submit(() -> {
                    Runs mine = new Runs(Clients.admin(source));
                    for (int round = 0; running.get(); round++) {
                        RunManifest m = mine.manifest("backup-during-" + client, Runs.suite(80_000 + client * 1000L + round))
                                .putParamsItem("nonce", UUID.randomUUID().toString());
                        during.add(mine.commit(m).getId());
                    }
                    return null;
                }));
            }
            Thread.sleep(500);
            Ctl first = ctl(envFile, Map.of(), "backup", backups.toString());
            running.set(false);
            for (Future<?> f : work) {
                f.get();
            }
            assertEquals(0, first.exit(), first.output());
            assertFalse(during.isEmpty(), "clients committed while the backup ran");
            long firstTotal = count(first.stdout(), "blobs: +(\\d+) referenced");
            assertTrue(count(first.stdout(), "(\\d+) linked") > 0, "same filesystem: hard links\n" + first.output());
            assertEquals(firstTotal, pooled(backups), "the pool holds the first backup's blobs\n" + first.output());

            Thread.sleep(1100); // snapshots are named by the second
            Ctl second = ctl(envFile, Map.of(), "backup", backups.toString());
            assertEquals(0, second.exit(), second.output());
            long secondTotal = count(second.stdout(), "blobs: +(\\d+) referenced");
            long reused = count(second.stdout(), "(\\d+) already in");
            long fresh = count(second.stdout(), "(\\d+) linked") + count(second.stdout(), "(\\d+) copied");
            // Incremental: the second backup finds every blob of the first in the pool and adds only the rest.
            assertEquals(firstTotal, reused, second.output());
            assertEquals(secondTotal - firstTotal, fresh, second.output());
            assertEquals(secondTotal, pooled(backups), second.output());

            List<Path> snapshots;
            try (var list = Files.list(backups)) {
                snapshots = list.filter(p -> p.getFileName().toString().startsWith("snapshot-")).sorted().toList();
            }
            assertEquals(2, snapshots.size());
            Path firstSnapshot = snapshots.get(0);
            JsonNode snapshot = JSON.readTree(Files.readString(firstSnapshot.resolve("snapshot.json")));
            assertTrue(Files.isRegularFile(firstSnapshot.resolve("secrets/tls/key.p12")), "the TLS key is backed up");
            assertTrue(Files.isRegularFile(firstSnapshot.resolve("secrets/runvault.env")), "the env file is backed up");

            // A restore refuses a data directory that is not empty, and changes nothing in it.
            Files.createDirectories(restored);
            Files.writeString(restored.resolve("keep.txt"), "mine");
            Ctl refused = ctl(envFile, restoreSettings, "restore", firstSnapshot.toString());
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.stderr().contains("not empty"), refused.output());
            Files.delete(restored.resolve("keep.txt"));

            Ctl restore = ctl(envFile, restoreSettings, "restore", firstSnapshot.toString());
            assertEquals(0, restore.exit(), restore.output());

            copy = new RunvaultServer(restored, target, Map.of()).start();
            for (String run : before) {
                byte[] manifest = http.send(HttpRequest.newBuilder(URI.create(copy.baseUrl() + "/api/v1/runs/" + run + "/manifest"))
                        .header("Authorization", RunvaultServer.adminAuthorization()).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                assertEquals(run, Blobs.b2sum(manifest), "a run committed before the backup, byte for byte");
            }
            assertEquals(modelBefore, get(copy, "/api/v1/models/" + model), "the model and its stage history");
            Set<String> usersThen = new HashSet<>();
            JSON.readTree(usersBefore).forEach(u -> usersThen.add(u.get("username").asText()));
            Set<String> usersNow = new HashSet<>();
            JSON.readTree(get(copy, "/api/v1/users")).forEach(u -> usersNow.add(u.get("username").asText()));
            assertTrue(usersNow.containsAll(usersThen), usersThen + " in " + usersNow);
            assertTrue(usersNow.contains(user.username()));

            JsonNode scrub = post(copy, "/api/v1/admin/scrub", "");
            assertEquals(0, scrub.get("missing").size(), "every referenced blob restored: " + scrub);
            assertEquals(0, scrub.get("corrupt").size(), scrub.toString());
            JsonNode verify = post(copy, "/api/v1/audit/verify", "");
            assertTrue(verify.get("intact").asBoolean(), verify.toString());
            // H2's backup is taken inside the snapshot call, so it holds the chain up to the snapshot's seq;
            // pg_dump runs just before that call, so it holds at least every event before the backup started.
            long restoredAtLeast = SuiteDatabase.kind().equals("h2") ? snapshot.get("auditSeq").asLong() : auditBefore;
            assertTrue(verify.get("eventsChecked").asLong() >= restoredAtLeast, restoredAtLeast + ": " + verify);
            // The restored chain is the source's, event for event, up to the backup.
            String sourceEvents = get(source, "/api/v1/audit?order=asc&limit=1000");
            String copyEvents = get(copy, "/api/v1/audit?order=asc&limit=1000");
            JsonNode a = JSON.readTree(sourceEvents).get("items");
            JsonNode b = JSON.readTree(copyEvents).get("items");
            for (int i = 0; i < Math.min(b.size(), a.size()) && b.get(i).get("seq").asLong() <= snapshot.get("auditSeq").asLong(); i++) {
                assertEquals(a.get(i).get("hash"), b.get(i).get("hash"), "event " + b.get(i).get("seq"));
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
            if (copy != null) {
                copy.close();
            }
            deleteTree(backups);
            deleteTree(restored);
            Files.deleteIfExists(envFile);
        }
    }

    @Test
    void restoreRefusesABackupWhoseBlobDoesNotHashToItsName() throws Exception {
        RunvaultServer source = SharedServer.get();
        new Runs(Clients.admin(source)).commit(new Runs(Clients.admin(source))
                .manifest("backup-tamper", Map.of("logs/run.log", ("tamper " + UUID.randomUUID()).getBytes())));
        Path envFile = envFile(source);
        // Another filesystem is not needed: RUNVAULTCTL forces nothing; a copy is made so the live store is untouched.
        Path backups = Files.createTempDirectory(source.dataDirectory().getParent(), "runvault-backups-");
        Path restored = Files.createTempDirectory(source.dataDirectory().getParent(), "runvault-restore-");
        try {
            Ctl backup = ctl(envFile, Map.of(), "backup", backups.toString());
            assertEquals(0, backup.exit(), backup.output());
            // Replace one pooled blob (a hard link into the live store) by a changed copy.
            Path blob;
            try (var walk = Files.walk(backups.resolve("blobs"))) {
                blob = walk.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(blob);
            bytes[0] ^= 1;
            Files.delete(blob);
            Files.write(blob, bytes);
            Ctl restore = ctl(envFile, Map.of("RUNVAULT_DATA", restored.toString()), "restore", backups.toString());
            assertEquals(1, restore.exit(), restore.output());
            assertTrue(restore.stderr().contains("not hashing to their name"), restore.output());
            try (var left = Files.list(restored)) {
                assertEquals(0, left.count(), "nothing restored");
            }
        } finally {
            deleteTree(backups);
            deleteTree(restored);
            Files.deleteIfExists(envFile);
        }
    }

    private static long pooled(Path backups) throws Exception {
        try (var walk = Files.walk(backups.resolve("blobs"))) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
