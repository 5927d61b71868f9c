package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.AuditApi;
import io.runvault.client.model.AuditEvent;
import io.runvault.client.model.AuditPage;
import io.runvault.client.model.AuditVerification;
import io.runvault.client.model.RunFile;
import io.runvault.client.model.RunManifest;
import io.runvault.client.model.RunSummary;
import io.runvault.client.model.UnauditedChanges;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The audit log from outside: what a commit records, query, export, verify, and tampering found. */
class AuditIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiClient admin = Clients.admin(SERVER);
    private final AuditApi audit = new AuditApi(admin);
    private final Runs pipeline = new Runs(admin);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The generated method takes its query parameters alphabetically; this reads in the API's order. */
    private static AuditPage query(AuditApi api, String target, String actor, String action, OffsetDateTime from,
                                   OffsetDateTime to, String order, Integer limit, String cursor) throws ApiException {
        return api.queryAudit(action, actor, cursor, from, limit, order, target, to);
    }

    private static RunManifest oneFileRun(Runs runs, String experiment) throws Exception {
        return runs.manifest(experiment, Map.of("logs/run.log", ("log of " + experiment).getBytes()));
    }

    private HttpResponse<String> get(String pathAndQuery, String authorization, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(response.body().contains("\"type\":\"/problems/" + type + "\""), response.body());
    }

    @Test
    void aCommitThatCreatesARunAppendsOneVerifiableEventFoundByTarget() throws Exception {
        String experiment = "audit-" + UUID.randomUUID();
        RunManifest manifest = pipeline.manifest(experiment, Runs.suite(101));
        RunSummary run = pipeline.commit(manifest);
        pipeline.commit(manifest); // the same manifest again: no change, no event

        List<AuditEvent> events = query(audit, run.getId(), null, null, null, null, null, null, null).getItems();
        assertEquals(1, events.size(), events.toString());
        AuditEvent event = events.get(0);
        assertEquals("run.commit", event.getAction());
        assertEquals("admin", event.getActor());
        assertEquals(run.getId(), event.getTarget());
        assertEquals(Map.of("name", run.getName(), "experiment", experiment, "fileCount", 4), event.getDetails());
        assertTrue(event.getHash().matches("blake2b:[0-9a-f]{64}"), event.getHash());

        AuditVerification verification = audit.verifyAudit();
        assertTrue(verification.getIntact(), verification.toString());
        assertTrue(verification.getEventsChecked() >= event.getSeq());
        assertNull(verification.getFirstBrokenSeq());
    }

    @Test
    void theFirstEventIsTheAdministratorsCreation() throws Exception {
        AuditEvent first = query(audit, null, null, null, null, null, "asc", 1, null).getItems().get(0);
        assertEquals(1L, first.getSeq());
        assertEquals("user.create", first.getAction());
        assertEquals("admin", first.getTarget());
        assertEquals("runvault:system", first.getActor());
        assertEquals("blake2b:" + "0".repeat(64), first.getPrevHash());
        assertFalse(first.getDetails().toString().contains(RunvaultServer.ADMIN_PASSWORD), "no password in the log");
    }

    @Test
    void theExportIsJsonLinesInSeqOrderAndEachLineHashesToItsHashWithB2sum() throws Exception {
        RunSummary run = pipeline.commit(oneFileRun(pipeline, "audit-export-" + UUID.randomUUID()));
        List<String> lines = Files.readAllLines(audit.exportAudit(null, null, null, null, null).toPath(),
                StandardCharsets.UTF_8);
        assertEquals("application/x-ndjson", admin.getResponseHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Type")).map(e -> e.getValue().get(0))
                .findFirst().orElse("").split(";")[0]);
        String previous = "blake2b:" + "0".repeat(64);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event = JSON.readTree(lines.get(i));
            assertEquals(i + 1, event.get("seq").asLong(), "seq order without gaps");
            assertEquals(previous, event.get("prevHash").asText(), "linked to the line before");
            String hash = event.get("hash").asText();
            String withoutHash = lines.get(i).replace(",\"hash\":\"" + hash + "\"", "");
            assertEquals(hash, Blobs.b2sum(withoutHash.getBytes(StandardCharsets.UTF_8)), lines.get(i));
            previous = hash;
        }
        List<String> filtered = Files.readAllLines(audit.exportAudit(null, null, null, run.getId(), null).toPath());
        assertEquals(1, filtered.size());
        assertEquals(run.getId(), JSON.readTree(filtered.get(0)).get("target").asText());
    }

    @Test
    void queriesFilterByActorActionAndTimeAndPageWithoutGapsOrRepeats() throws Exception {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(pipeline.commit(oneFileRun(pipeline, "audit-page-" + i + "-" + UUID.randomUUID())).getId());
        }
        List<AuditEvent> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditPage page = query(audit, null, "admin", "run.commit", before, null, "asc", 2, cursor);
            seen.addAll(page.getItems());
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 1000);
        Set<Long> seqs = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(seqs.add(seen.get(i).getSeq()), "no repeats");
            assertEquals("run.commit", seen.get(i).getAction());
            if (i > 0) {
                assertTrue(seen.get(i - 1).getSeq() < seen.get(i).getSeq(), "ascending seq");
            }
        }
        List<String> ours = seen.stream().map(AuditEvent::getTarget).filter(ids::contains).toList();
        assertEquals(ids, ours, "every commit once, in commit order");

        AuditEvent first = seen.stream().filter(e -> e.getTarget().equals(ids.get(0))).findFirst().orElseThrow();
        AuditEvent last = seen.stream().filter(e -> e.getTarget().equals(ids.get(4))).findFirst().orElseThrow();
        List<AuditEvent> untilFirst = query(audit, ids.get(0), null, null, null, first.getOccurredAt(), null, null, null)
                .getItems();
        assertTrue(untilFirst.isEmpty(), "'to' is exclusive");
        assertEquals(1, query(audit, ids.get(4), null, null, last.getOccurredAt(), null, null, null, null)
                .getItems().size(), "'from' is inclusive");

        AuditPage newest = query(audit, null, null, null, null, null, null, 1, null);
        assertTrue(newest.getItems().get(0).getSeq() >= last.getSeq(), "newest first by default");
        assertTrue(query(audit, null, "nobody", null, null, null, null, null, null).getItems().isEmpty());
    }

    @Test
    void concurrentCommitsNeverForkTheChain() throws Exception {
        int writers = 8;
        List<RunManifest> manifests = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            manifests.add(oneFileRun(pipeline, "audit-race-" + i + "-" + UUID.randomUUID()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<RunSummary>> commits = new ArrayList<>();
        try {
            for (RunManifest manifest : manifests) {
                // One client per thread: a generated client keeps the last response's status.
                commits.add(pool.submit(() -> new Runs(Clients.admin(SERVER)).commit(manifest)));
            }
            Set<Long> seqs = new HashSet<>();
            for (Future<RunSummary> commit : commits) {
                List<AuditEvent> events = query(audit, commit.get().getId(), null, null, null, null, null, null, null)
                        .getItems();
                assertEquals(1, events.size());
                assertTrue(seqs.add(events.get(0).getSeq()), "each event its own seq");
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerification verification = audit.verifyAudit();
        assertTrue(verification.getIntact(), verification.toString());
    }

    @Test
    void badQueriesAre400ProblemsAndEveryEndpointNeedsCredentials() throws Exception {
        String a = RunvaultServer.adminAuthorization();
        assertProblem(get("/api/v1/audit?limit=0", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?limit=1001", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?limit=abc", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?from=yesterday", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?to=2026-11-24T10:15:00", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?order=sideways", a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?actor=" + "x".repeat(65), a, "GET"), 400, "bad-filter");
        assertProblem(get("/api/v1/audit?cursor=bm9wZQ", a, "GET"), 400, "bad-cursor");
        String ascending = query(audit, null, null, null, null, null, "asc", 1, null).getNextCursor();
        assertProblem(get("/api/v1/audit?order=desc&cursor=" + ascending, a, "GET"), 400, "bad-cursor");
        assertProblem(get("/api/v1/audit/export?from=yesterday", a, "GET"), 400, "bad-filter");

        assertProblem(get("/api/v1/audit", null, "GET"), 401, "unauthenticated");
        assertProblem(get("/api/v1/audit/export", null, "GET"), 401, "unauthenticated");
        assertProblem(get("/api/v1/audit/verify", null, "POST"), 401, "unauthenticated");
        assertEquals(405, get("/api/v1/audit", a, "DELETE").statusCode(), "append-only: nothing deletes events");
    }

    @Test
    void anEventChangedInTheDatabaseIsNamedByVerify() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("audit-tamper", Map.of())) {
            AuditApi api = new AuditApi(Clients.admin(server));
            Runs runs = new Runs(Clients.admin(server));
            RunSummary first = runs.commit(oneFileRun(runs, "tamper-a"));
            RunSummary second = runs.commit(oneFileRun(runs, "tamper-b"));
            runs.commit(oneFileRun(runs, "tamper-c"));
            assertTrue(api.verifyAudit().getIntact());
            long seq = query(api, first.getId(), null, null, null, null, null, null, null).getItems().get(0).getSeq();

            String forged = "{\"experiment\":\"tamper-a\",\"fileCount\":2,\"name\":\"" + first.getName() + "\"}";
            if (SuiteDatabase.kind().equals("postgresql")) {
                SuiteDatabase.Connection db = server.database();
                updateDetails(DriverManager.getConnection(db.url(), db.user(), db.password()), seq, forged);
            } else {
                // The server holds the embedded database open: change it while the server is stopped.
                server.stop();
                updateDetails(DriverManager.getConnection("jdbc:h2:" + server.dataDirectory().resolve("db").resolve("runvault")
                        + ";MODE=LEGACY;NON_KEYWORDS=VALUE", "runvault", "runvault"), seq, forged);
                server.start();
                api = new AuditApi(Clients.admin(server));
            }

            AuditVerification verification = api.verifyAudit();
            assertFalse(verification.getIntact(), verification.toString());
            assertEquals(seq, verification.getFirstBrokenSeq());
            assertEquals(seq, verification.getEventsChecked());
            assertTrue(verification.getReason().contains("hash"), verification.getReason());
            // The changed row is still shown as stored: the log hides nothing.
            assertEquals(2, ((Map<?, ?>) query(api, first.getId(), null, null, null, null, null, null, null)
                    .getItems().get(0).getDetails()).get("fileCount"));
            assertEquals(1, query(api, second.getId(), null, null, null, null, null, null, null).getItems().size());
        }
    }

    @Test
    void aRunStoredWithoutItsEventIsReportedUnaudited() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("audit-unaudited", Map.of())) {
            Runs runs = new Runs(Clients.admin(server));
            RunSummary kept = runs.commit(oneFileRun(runs, "unaudited-a"));
            RunSummary cut = runs.commit(oneFileRun(runs, "unaudited-b"));
            runs.commit(oneFileRun(runs, "unaudited-c"));
            AuditApi api = new AuditApi(Clients.admin(server));
            AuditVerification before = api.verifyAudit();
            assertTrue(before.getIntact(), before.toString());
            assertEquals(List.of(), before.getUnaudited());
            long cutSeq = query(api, cut.getId(), null, null, null, null, null, null, null).getItems().get(0).getSeq();
            String smuggled = "blake2b:" + "5".repeat(64);

            boolean embedded = !SuiteDatabase.kind().equals("postgresql");
            if (embedded) {
                server.stop(); // the server holds the embedded database open
            }
            try (Connection db = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), server.jdbcPassword())) {
                // A run row written past the application, as a change whose event was lost would be.
                copyRun(db, kept.getId(), smuggled);
                // And a committed run's event removed.
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM audit_event WHERE seq = ?")) {
                    delete.setLong(1, cutSeq);
                    assertEquals(1, delete.executeUpdate());
                }
            }
            if (embedded) {
                server.start();
                api = new AuditApi(Clients.admin(server));
            }

            AuditVerification verification = api.verifyAudit();
            assertFalse(verification.getIntact(), verification.toString());
            assertEquals(cutSeq, verification.getFirstBrokenSeq(), "the removed event also breaks the chain");
            assertEquals(1, verification.getUnaudited().size(), verification.toString());
            UnauditedChanges missing = verification.getUnaudited().get(0);
            assertEquals("run.commit", missing.getAction());
            assertEquals(2L, missing.getCount());
            assertEquals(new TreeSet<>(List.of(cut.getId(), smuggled)), new TreeSet<>(missing.getTargets()));
            assertTrue(verification.getReason().contains("2 run.commit change(s) stored without an audit event"),
                    verification.getReason());
        }
    }

    /** Inserts a copy of a run's row under another id, column by column, whatever the columns are. */
    private static void copyRun(Connection db, String from, String to) throws Exception {
        try (PreparedStatement select = db.prepareStatement("SELECT * FROM run WHERE id = ?")) {
            select.setString(1, from);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                ResultSetMetaData columns = row.getMetaData();
                List<String> names = new ArrayList<>();
                for (int c = 1; c <= columns.getColumnCount(); c++) {
                    names.add(columns.getColumnName(c));
                }
                String insert = "INSERT INTO run (" + String.join(", ", names) + ") VALUES ("
                        + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
                try (PreparedStatement copy = db.prepareStatement(insert)) {
                    for (int c = 1; c <= names.size(); c++) {
                        copy.setObject(c, names.get(c - 1).equalsIgnoreCase("id") ? to : row.getObject(c));
                    }
                    assertEquals(1, copy.executeUpdate());
                }
            }
        }
    }

    private static void updateDetails(Connection connection, long seq, String details) throws Exception {
        try (connection; PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_event SET details = ? WHERE seq = ?")) {
            update.setString(1, details);
            update.setLong(2, seq);
            assertEquals(1, update.executeUpdate());
        }
    }
}
