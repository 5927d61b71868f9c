package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiException;
import io.runvault.client.model.RunFile;
import io.runvault.client.model.RunManifest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Blob garbage collection on a server of its own (a collection with no grace period would take the
 * uncommitted blobs of other suites sharing a server): dry run, a collection racing uploads and
 * commits, the audit event, and a second collection finding nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GcIT {

    /** A collection considers only blobs stored at least this long before it starts (BlobCollector.SETTLE). */
    private static final long SETTLE_MILLIS = 11_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunvaultServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = RunvaultServer.fresh("gc", RunvaultServer.env());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode gc(String body) throws Exception {
        HttpResponse<String> response = post("/api/v1/admin/gc", body, RunvaultServer.adminAuthorization());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** HEAD of a blob (HTTP/1.1: hundreds of these must not each try an h2c upgrade). */
    private int blobStatus(String digest) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", RunvaultServer.adminAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Set<String> listed(JsonNode report) {
        Set<String> digests = new HashSet<>();
        report.get("blobs").forEach(blob -> digests.add(blob.get("digest").asText()));
        return digests;
    }

    private static RunManifest manifest(String experiment, List<String> digests, List<Integer> sizes) {
        RunManifest manifest = new RunManifest().experiment(experiment)
                .createdAt(OffsetDateTime.of(2026, 12, 7, 3, 0, 0, 0, ZoneOffset.UTC));
        for (int i = 0; i < digests.size(); i++) {
            manifest.addFilesItem(new RunFile().path("files/f" + i + ".bin").digest(digests.get(i)).size((long) sizes.get(i)));
        }
        return manifest;
    }

    @Test
    @Order(1)
    void dryRunListsUnreferencedBlobsPastTheGracePeriodAndRemovesNothing() throws Exception {
        Runs pipeline = new Runs(Clients.admin(server));
        String orphanA = pipeline.upload(Blobs.random(1000, 101));
        String orphanB = pipeline.upload(Blobs.random(2000, 102));
        RunManifest run = pipeline.manifest("gc-dry-run", Runs.suite(103));
        String runId = pipeline.commit(run).getId();
        Thread.sleep(SETTLE_MILLIS);

        JsonNode withGrace = gc("{\"dryRun\":true}");
        assertTrue(withGrace.get("dryRun").asBoolean());
        assertEquals(24.0, withGrace.get("graceHours").asDouble());
        assertFalse(listed(withGrace).contains(orphanA), "younger than the default 24 h grace: " + withGrace);
        assertTrue(withGrace.get("keptInGrace").asLong() >= 2, withGrace.toString());

        JsonNode dry = gc("{\"dryRun\":true,\"graceHours\":0}");
        Set<String> wouldGo = listed(dry);
        assertTrue(wouldGo.containsAll(Set.of(orphanA, orphanB)), dry.toString());
        for (RunFile file : run.getFiles()) {
            assertFalse(wouldGo.contains(file.getDigest()), "a committed run's file is referenced: " + file.getPath());
        }
        assertFalse(wouldGo.contains(runId), "the run's manifest blob is referenced");
        assertTrue(dry.get("bytesRemoved").asLong() >= 3000);
        assertTrue(dry.get("auditSeq") == null || dry.get("auditSeq").isNull(), "a dry run changes nothing, so records nothing");
        assertEquals(200, blobStatus(orphanA));
        assertEquals(200, blobStatus(orphanB));
        assertEquals(0, auditEvents().size(), "no blob.gc event for a dry run");
    }

    @Test
    @Order(2)
    void aCollectionRacingUploadsAndCommitsKeepsEveryCommittedBlobAndIsAudited() throws Exception {
        Runs pipeline = new Runs(Clients.admin(server));
        // Old, unreferenced blobs: most stay orphans; "late" ones are committed by clients while the
        // collection runs, without being uploaded again (a pipeline that found them with HEAD).
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            orphans.add(pipeline.upload(Blobs.random(512, 10_000 + i)));
        }
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            late.add(pipeline.upload(Blobs.random(700, 20_000 + i)));
        }
        // Sweep order is by digest: the last ones are removed last, which widens the race.
        late.sort(Collections.reverseOrder());
        Thread.sleep(SETTLE_MILLIS);

        List<String> committedDigests = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger nextLate = new AtomicInteger();
        AtomicBoolean collecting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> commits = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            commits.add(clients.submit(() -> {
                Runs mine = new Runs(Clients.admin(server));
                int done = 0;
                for (int round = 0; collecting.get() || round < 3; round++) {
                    // A blob uploaded during the sweep and committed right after, with an old one.
                    byte[] fresh = Blobs.random(900, 30_000 + client * 10_000L + round);
                    String freshDigest = mine.upload(fresh);
                    List<String> digests = new ArrayList<>(List.of(freshDigest));
                    List<Integer> sizes = new ArrayList<>(List.of(fresh.length));
                    int index = nextLate.getAndIncrement();
                    if (index < late.size()) {
                        digests.add(late.get(index));
                        sizes.add(700);
                    }
                    try {
                        mine.commit(manifest("gc-race-" + client + "-" + round, digests, sizes));
                        committedDigests.addAll(digests);
                        done++;
                    } catch (ApiException e) {
                        // Only an old blob the collection removed first may be refused, as missing;
                        // the pipeline then commits without it (its fresh blob must not stay an orphan).
                        assertEquals(422, e.getCode(), e.getResponseBody());
                        assertTrue(e.getResponseBody().contains(late.get(index)), e.getResponseBody());
                        refused.incrementAndGet();
                        mine.commit(manifest("gc-race-" + client + "-" + round, List.of(freshDigest), List.of(fresh.length)));
                        committedDigests.add(freshDigest);
                        done++;
                    }
                }
                return done;
            }));
        }
        Thread.sleep(200);
        JsonNode report;
        try {
            report = gc("{\"graceHours\":0}");
        } finally {
            collecting.set(false);
        }
        int total = 0;
        for (Future<Integer> f : commits) {
            total += f.get();
        }
        clients.shutdown();

        assertFalse(report.get("dryRun").asBoolean());
        assertTrue(total > 0, "clients committed during the collection");
        for (String digest : new HashSet<>(committedDigests)) {
            assertEquals(200, blobStatus(digest), "a committed blob survives the collection: " + digest);
        }
        for (String orphan : orphans) {
            assertEquals(404, blobStatus(orphan), "an old orphan is removed");
        }
        assertTrue(report.get("blobsRemoved").asLong() >= orphans.size(), report.get("blobsRemoved").toString());
        assertTrue(report.get("bytesRemoved").asLong() >= 512L * orphans.size());
        HttpResponse<String> scrub = post("/api/v1/admin/scrub", "", RunvaultServer.adminAuthorization());
        assertEquals(200, scrub.statusCode(), scrub.body());
        assertEquals(0, JSON.readTree(scrub.body()).get("missing").size(), "no committed run lost a blob: " + scrub.body());
        System.out.println("GcIT race: " + total + " commits during the collection, " + refused.get()
                + " refused as missing, removed " + report.get("blobsRemoved") + " blob(s)");

        List<JsonNode> events = auditEvents();
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.get(0);
        assertEquals(report.get("auditSeq").asLong(), event.get("seq").asLong());
        assertEquals("admin", event.get("actor").asText());
        assertEquals(report.get("blobsRemoved").asLong(), event.get("details").get("blobsRemoved").asLong());
        assertEquals(report.get("bytesRemoved").asLong(), event.get("details").get("bytesRemoved").asLong());
        JsonNode verify = JSON.readTree(post("/api/v1/audit/verify", "", RunvaultServer.adminAuthorization()).body());
        assertTrue(verify.get("intact").asBoolean(), verify.toString());
    }

    @Test
    @Order(3)
    void aSecondCollectionFindsNothing() throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        JsonNode again = gc("{\"graceHours\":0}");
        assertEquals(0, again.get("blobsRemoved").asLong(), again.toString());
        assertEquals(0, again.get("bytesRemoved").asLong());
        assertEquals(2, auditEvents().size(), "the empty collection is recorded too");
    }

    @Test
    @Order(4)
    void badGraceAndNonAdministratorsAreRefusedAndChangeNothing() throws Exception {
        HttpResponse<String> negative = post("/api/v1/admin/gc", "{\"graceHours\":-1}", RunvaultServer.adminAuthorization());
        assertEquals(400, negative.statusCode(), negative.body());
        assertTrue(negative.body().contains("bad-grace"), negative.body());
        Users.Login contributor = Users.create(server, "contributor");
        assertEquals(403, post("/api/v1/admin/gc", "{}", contributor.authorization()).statusCode());
        assertEquals(401, post("/api/v1/admin/gc", "{}", null).statusCode());
        assertEquals(2, auditEvents().size());
    }

    @Test
    @Order(5)
    void runvaultctlReadsTheEnvFileAndRunsGcAndVerify() throws Exception {
        java.nio.file.Path envFile = java.nio.file.Files.createTempFile("runvault", ".env");
        try {
            String port = URI.create(server.baseUrl()).getPort() + "";
            java.nio.file.Files.writeString(envFile, "# as in /etc/runvault/runvault.env\n"
                    + "RUNVAULT_HTTP_PORT=" + port + "\n"
                    + "RUNVAULT_ADMIN_PASSWORD=\"" + RunvaultServer.ADMIN_PASSWORD + "\"\n"
                    + "RUNVAULT_DATA=" + server.dataDirectory() + "\n");
            String orphan = new Runs(Clients.admin(server)).upload(Blobs.random(333, 4242));

            Ctl dry = ctl(envFile, "gc", "--dry-run", "--grace", "0");
            assertEquals(0, dry.exit(), dry.output());
            assertTrue(JSON.readTree(dry.stdout()).get("dryRun").asBoolean(), dry.output());
            assertEquals(200, blobStatus(orphan));

            Ctl badGrace = ctl(envFile, "gc", "--grace", "-3");
            assertEquals(2, badGrace.exit(), badGrace.output());

            Ctl verify = ctl(envFile, "verify");
            assertEquals(0, verify.exit(), verify.output());
            JsonNode both = JSON.readTree(verify.stdout());
            assertTrue(both.get("audit").get("intact").asBoolean(), verify.output());
            assertEquals(0, both.get("scrub").get("missing").size(), verify.output());

            Ctl status = ctl(envFile, "status");
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.stdout().contains("service:        ready"), status.output());
            assertTrue(status.stdout().contains("jobs running:   0"), status.output());

            java.nio.file.Files.writeString(envFile, "RUNVAULT_HTTP_PORT=" + port + "\nRUNVAULT_ADMIN_PASSWORD=wrong\n");
            Ctl refused = ctl(envFile, "gc", "--dry-run");
            assertEquals(1, refused.exit(), refused.output());
            assertTrue(refused.stderr().contains("401"), refused.output());
        } finally {
            java.nio.file.Files.deleteIfExists(envFile);
        }
    }

    private record Ctl(int exit, String stdout, String stderr) {
        String output() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** The packaged script, with an empty environment but for PATH: everything else comes from the env file. */
    private static Ctl ctl(java.nio.file.Path envFile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "src/dist/bin/runvaultctl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("RUNVAULTCTL_ENV_FILE", envFile.toString());
        java.nio.file.Path out = java.nio.file.Files.createTempFile("ctl", ".out");
        java.nio.file.Path err = java.nio.file.Files.createTempFile("ctl", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "runvaultctl finished");
            return new Ctl(process.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    private List<JsonNode> auditEvents() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/v1/audit?action=blob.gc&order=asc&limit=100"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(page.body()).get("items").forEach(events::add);
        return events;
    }
}
