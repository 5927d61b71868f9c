package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.AdminApi;
import io.runvault.client.api.BlobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Lineage;
import io.runvault.client.model.Run;
import io.runvault.client.model.RunFile;
import io.runvault.client.model.RunManifest;
import io.runvault.client.model.RunPage;
import io.runvault.client.model.RunSummary;
import io.runvault.client.model.ScrubReport;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The registry from a pipeline's side, through the client generated from openapi/registry.yaml. */
class RegistryIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final ApiClient admin = Clients.admin(SERVER);
    private final BlobsApi blobs = new BlobsApi(admin);
    private final RunsApi runs = new RunsApi(admin);
    private final Runs pipeline = new Runs(admin);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The generated method takes its query parameters alphabetically; this reads in the API's order. */
    private RunPage search(String experiment, List<String> tags, List<String> params, List<String> metrics, String sort,
                           String order, Integer limit, String cursor) throws ApiException {
        return runs.searchRuns(cursor, experiment, limit, metrics, order, params, sort, tags);
    }

    private static String header(ApiClient client, String name) {
        return client.getResponseHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private static String experiment() {
        return "it-" + UUID.randomUUID();
    }

    private static File temp(byte[] content) throws Exception {
        Path file = Files.createTempFile("it", ".bin");
        Files.write(file, content);
        file.toFile().deleteOnExit();
        return file.toFile();
    }

    private HttpResponse<String> raw(String method, String path, String contentType, byte[] body, String auth)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> asAdmin(String method, String path, String contentType, byte[] body) throws Exception {
        return raw(method, path, contentType, body, RunvaultServer.adminAuthorization());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0],
                response.body());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        if (type != null) {
            assertTrue(response.body().contains("\"type\":\"/problems/" + type + "\""), response.body());
        }
    }

    private String manifestJson(String experiment, String createdAt, String files) {
        return "{\"experiment\":\"" + experiment + "\",\"createdAt\":\"" + createdAt + "\",\"files\":" + files + "}";
    }

    private String fileJson(String path, String digest, int size) {
        return "{\"path\":\"" + path + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    @Test
    void aFileNamedManifestJsonOrPathsThatClashWhenUnpackedAreRefusedAtCommit() throws Exception {
        String experiment = experiment();
        String x = pipeline.upload("x".getBytes());
        for (String path : new String[] {"manifest.json", "MANIFEST.json", "manifest.json/inner.txt"}) {
            assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", manifestJson(experiment, "2026-11-24T10:15:00Z",
                    "[" + fileJson(path, x, 1) + "]").getBytes()), 400, "reserved-path");
        }
        for (String[] pair : new String[][] {{"Model.onnx", "model.onnx"}, {"logs", "logs/run.log"},
                {"a/b/c.txt", "A/B"}}) {
            assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", manifestJson(experiment, "2026-11-24T10:15:00Z",
                    "[" + fileJson(pair[0], x, 1) + "," + fileJson(pair[1], x, 1) + "]").getBytes()), 400, "duplicate-path");
        }
        assertTrue(search(experiment, null, null, null, null, null, null, null).getItems().isEmpty(), "nothing committed");
        // The name is still free deeper in a run, and such a run archives completely.
        RunSummary run = pipeline.commit(pipeline.manifest(experiment, Map.of("reports/manifest.json", "{}".getBytes())));
        assertEquals(201, admin.getStatusCode());
        HttpResponse<byte[]> archive = http.send(HttpRequest.newBuilder(
                        URI.create(SERVER.baseUrl() + "/api/v1/runs/" + run.getId() + "/archive"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, archive.statusCode());
        assertEquals(List.of(String.valueOf(archive.body().length)), archive.headers().allValues("Content-Length"),
                "an exact length, so a cut download is visibly short");
        assertTrue(archive.headers().firstValue("Transfer-Encoding").isEmpty(), archive.headers().toString());
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(archive.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                zip.readAllBytes();
            }
        }
        assertEquals(List.of("manifest.json", "reports/manifest.json"), names);
    }

    @Test
    void windowsUnsafePathsAreRefusedSoArchivesUnpackAnywhere() throws Exception {
        String experiment = experiment();
        String x = pipeline.upload("x".getBytes());
        for (String path : new String[] {"CON", "aux/x.txt", "a./b", "a /b", "com1.log", "Nul.txt", "logs/run.",
                "weights\uff0eparams", "a\uff0fb", "\uff0e\uff0e/etc"}) {
            HttpResponse<String> refused = asAdmin("POST", "/api/v1/runs", "application/json",
                    manifestJson(experiment, "2026-11-24T10:15:00Z", "[" + fileJson(path, x, 1) + "]")
                            .getBytes(StandardCharsets.UTF_8));
            assertProblem(refused, 400, "bad-path");
        }
        assertTrue(search(experiment, null, null, null, null, null, null, null).getItems().isEmpty(), "nothing committed");
        pipeline.commit(pipeline.manifest(experiment, Map.of("console/conf.txt", "x".getBytes(), "com10.txt", "y".getBytes())));
        assertEquals(201, admin.getStatusCode(), "names that only resemble device names pass");
    }

    @Test
    void createdAtIsStrictRfc3339AndCheckedBeforeAnythingIsStored() throws Exception {
        String experiment = experiment();
        // The canonical bytes the server would store for a createdAt, derived from a served manifest.
        HttpResponse<String> probe = asAdmin("POST", "/api/v1/runs", "application/json",
                manifestJson(experiment, "2026-11-24T10:15:00Z", "[]").getBytes());
        assertEquals(201, probe.statusCode(), probe.body());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"(blake2b:[0-9a-f]{64})\"").matcher(probe.body());
        assertTrue(id.find(), probe.body());
        String canonical = asAdmin("GET", "/api/v1/runs/" + id.group(1) + "/manifest", null, null).body();
        assertEquals(id.group(1), Blobs.b2sum(canonical.getBytes(StandardCharsets.UTF_8)));
        for (String createdAt : new String[] {"+999999999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "2026-11-24T10:15:00", "2026-11-24 10:15:00Z"}) {
            HttpResponse<String> refused = asAdmin("POST", "/api/v1/runs", "application/json",
                    manifestJson(experiment + "-x", createdAt, "[]").getBytes());
            assertProblem(refused, 400, "bad-manifest");
            String wouldBe = canonical.replace("\"2026-11-24T10:15:00Z\"", "\"" + createdAt + "\"")
                    .replace(experiment, experiment + "-x");
            assertEquals(404, SERVER.blobStatus(Blobs.b2sum(wouldBe.getBytes(StandardCharsets.UTF_8))),
                    createdAt + ": no manifest blob was stored");
        }
        assertTrue(search(experiment + "-x", null, null, null, null, null, null, null).getItems().isEmpty());
        assertEquals(201, asAdmin("POST", "/api/v1/runs", "application/json",
                manifestJson(experiment + "-x", "9999-12-31T23:59:59Z", "[]").getBytes()).statusCode(), "year 9999 is fine");
    }

    @Test
    void manifestsMustBeStrictUtf8() throws Exception {
        String experiment = experiment();
        byte[] latin1 = manifestJson(experiment + "-caf\u00e9", "2026-11-24T10:15:00Z", "[]").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", latin1), 400, "bad-encoding");
        String surrogate = manifestJson(experiment, "2026-11-24T10:15:00Z", "[]")
                .replace("\"files\"", "\"tags\":{\"note\":\"\\ud800\"},\"files\"");
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", surrogate.getBytes()), 400, "bad-encoding");
        assertTrue(search(experiment, null, null, null, null, null, null, null).getItems().isEmpty(), "nothing committed");
        assertTrue(search(experiment + "-caf\ufffd", null, null, null, null, null, null, null).getItems().isEmpty());
        String pair = manifestJson(experiment, "2026-11-24T10:15:00Z", "[]")
                .replace("\"files\"", "\"tags\":{\"note\":\"\\ud83d\\ude00 caf\u00e9\"},\"files\"");
        HttpResponse<String> kept = asAdmin("POST", "/api/v1/runs", "application/json", pair.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, kept.statusCode(), kept.body());
    }

    @Test
    void rangesBeyondTheFileAreClampedAndInvalidRangesAreIgnored() throws Exception {
        byte[] content = Blobs.random(1000, 43);
        RunSummary run = pipeline.commit(pipeline.manifest(experiment(), Map.of("data.bin", content)));
        URI file = URI.create(SERVER.baseUrl() + "/api/v1/runs/" + run.getId() + "/files/data.bin");
        HttpResponse<byte[]> clamped = http.send(HttpRequest.newBuilder(file)
                .header("Authorization", RunvaultServer.adminAuthorization())
                .header("Range", "bytes=0-99999999999999999999").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, clamped.statusCode());
        assertEquals("bytes 0-999/1000", clamped.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(content, clamped.body());
        for (String invalid : new String[] {"bytes=abc", "bytes=5-2", "bytes=--1"}) {
            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(file)
                    .header("Authorization", RunvaultServer.adminAuthorization())
                    .header("Range", invalid).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, whole.statusCode(), invalid + " is ignored, as RFC 9110 says");
            assertArrayEquals(content, whole.body(), invalid);
        }
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(file)
                .header("Authorization", RunvaultServer.adminAuthorization())
                .header("Range", "bytes=1000-").build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(outside, 416, "range-not-satisfiable");
    }

    @Test
    void anUploadIsStoredOnceAndServedByteForByte() throws Exception {
        byte[] content = Blobs.random(1_500_000, 11);
        String digest = Blobs.b2sum(content);
        blobs.putBlob(digest, temp(content));
        assertEquals(201, admin.getStatusCode(), "stored");
        blobs.putBlob(digest, temp(content));
        assertEquals(200, admin.getStatusCode(), "already there");
        blobs.headBlob(digest);
        assertEquals(200, admin.getStatusCode());
        assertEquals(String.valueOf(content.length), header(admin, "Content-Length"));
        assertArrayEquals(content, Files.readAllBytes(blobs.getBlob(digest, null).toPath()));
        Path stored = SERVER.dataDirectory().resolve("blobs").resolve(digest.substring(8, 10)).resolve(digest.substring(10));
        assertArrayEquals(content, Files.readAllBytes(stored), "stored once, under its digest");
    }

    @Test
    void bytesThatDoNotHashToTheirDigestAreRefusedAndNothingIsStored() throws Exception {
        String claimed = Blobs.b2sum("the promised bytes".getBytes());
        HttpResponse<String> refused = asAdmin("PUT", "/api/v1/blobs/" + claimed, "application/octet-stream",
                "other bytes".getBytes());
        assertProblem(refused, 400, "digest-mismatch");
        assertTrue(refused.body().contains(Blobs.b2sum("other bytes".getBytes())), "names the actual digest");
        assertEquals(404, SERVER.blobStatus(claimed));
    }

    @Test
    void malformedDigestsAreRefused() throws Exception {
        for (String digest : new String[] {"sha256:" + "a".repeat(64), "blake2b:" + "A".repeat(64), "blake2b:abc",
                "blake2b:" + "a".repeat(65), "..%2F..%2Fetc%2Fpasswd", "blake2b:" + "a".repeat(62) + "%2e%2e"}) {
            HttpResponse<String> response = asAdmin("PUT", "/api/v1/blobs/" + digest, "application/octet-stream",
                    new byte[] {1});
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, digest + " -> " + response.statusCode());
            assertEquals("application/problem+json",
                    response.headers().firstValue("Content-Type").orElse("").split(";")[0], digest);
        }
        assertProblem(asAdmin("GET", "/api/v1/blobs/blake2b:xyz", null, null), 400, "bad-digest");
    }

    @Test
    void aBlobOverTheSizeLimitGets413AndIsNotStored() throws Exception {
        byte[] content = Blobs.random((int) SharedServer.BLOB_LIMIT + 1, 12);
        String digest = Blobs.b2sum(content);
        HttpResponse<String> refused = asAdmin("PUT", "/api/v1/blobs/" + digest, "application/octet-stream", content);
        assertProblem(refused, 413, "blob-too-large");
        assertEquals(404, SERVER.blobStatus(digest));
    }

    @Test
    void theRunIdIsTheB2sumOfTheServedManifestAndCommitsAreIdempotent() throws Exception {
        RunManifest manifest = pipeline.manifest(experiment(), Runs.suite(21))
                .putParamsItem("architecture", "minicnn").putParamsItem("lr", 0.001)
                .putMetricsItem("val_accuracy", 0.91)
                .putSeriesItem("val_loss", List.of(0.9, 0.5, 0.4))
                .putTagsItem("dataset", "fashion-mnist");
        RunSummary run = runs.commitRun(manifest);
        assertEquals(201, admin.getStatusCode());
        assertTrue(run.getId().matches("blake2b:[0-9a-f]{64}"), run.getId());
        assertEquals("20261124_fashion-mnist_minicnn_" + run.getId().substring(8, 14), run.getName());

        byte[] served = Files.readAllBytes(runs.getRunManifest(run.getId()).toPath());
        assertEquals(run.getId(), Blobs.b2sum(served), "b2sum -l 256 of GET .../manifest is the id");

        RunSummary again = runs.commitRun(manifest);
        assertEquals(200, admin.getStatusCode());
        assertEquals(run.getId(), again.getId());
        // The served manifest committed verbatim is the same run too.
        HttpResponse<String> verbatim = asAdmin("POST", "/api/v1/runs", "application/json", served);
        assertEquals(200, verbatim.statusCode(), verbatim.body());
        assertTrue(verbatim.body().contains(run.getId()));

        Run view = runs.getRun(run.getId());
        assertEquals(run.getName(), view.getName());
        assertEquals(4, view.getFiles().size());
        assertEquals("admin", view.getCommittedBy());
        assertEquals(List.of(0.9, 0.5, 0.4), view.getSeries().get("val_loss"));
        assertEquals("image/png", view.getFiles().stream()
                .filter(f -> f.getPath().equals("figures/confusion_matrix.png")).findFirst().orElseThrow().getMediaType());
    }

    @Test
    void aManifestWithMissingOrMisSizedBlobsIsRefusedNamingThemAndNothingIsCommitted() throws Exception {
        String experiment = experiment();
        String absent = Blobs.b2sum("never uploaded".getBytes());
        String present = pipeline.upload("twelve bytes".getBytes());
        RunManifest manifest = pipeline.manifest(experiment, Map.of())
                .addFilesItem(new RunFile().path("a.bin").digest(absent).size(14L))
                .addFilesItem(new RunFile().path("b.bin").digest(present).size(13L));
        ApiException refused = assertThrows(ApiException.class, () -> runs.commitRun(manifest));
        assertEquals(422, refused.getCode());
        assertTrue(refused.getResponseBody().contains(absent), refused.getResponseBody());
        assertTrue(refused.getResponseBody().contains("b.bin"), refused.getResponseBody());
        assertTrue(search(experiment, null, null, null, null, null, null, null).getItems().isEmpty());

        manifest.setLineage(new Lineage().addParentsItem(Blobs.b2sum("no such run".getBytes())));
        assertEquals(422, assertThrows(ApiException.class, () -> runs.commitRun(manifest)).getCode());
    }

    @Test
    void filesAndTheArchiveDownloadWithTheirDigests() throws Exception {
        Map<String, byte[]> files = Runs.suite(31);
        files.put("folds/fold_1/val.csv", "id,label\n1,3\n".getBytes());
        files.put("données/été.csv", "x\n".getBytes());
        RunSummary run = pipeline.commit(pipeline.manifest(experiment(), files));
        Run view = runs.getRun(run.getId());
        for (RunFile file : view.getFiles()) {
            byte[] downloaded = Files.readAllBytes(runs.getRunFile(run.getId(), file.getPath(), null).toPath());
            assertEquals(file.getDigest(), Blobs.b2sum(downloaded), file.getPath());
            assertArrayEquals(files.get(file.getPath()), downloaded, file.getPath());
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(runs.getRunArchive(run.getId()).toPath()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertEquals("manifest.json", entries.keySet().iterator().next());
        assertEquals(run.getId(), Blobs.b2sum(entries.get("manifest.json")));
        assertEquals(files.size() + 1, entries.size());
        for (RunFile file : view.getFiles()) {
            assertEquals(file.getDigest(), Blobs.b2sum(entries.get(file.getPath())), file.getPath());
        }
    }

    @Test
    void fileDownloadsAreCacheableAndSupportRanges() throws Exception {
        byte[] checkpoint = Blobs.random(100_000, 41);
        RunSummary run = pipeline.commit(pipeline.manifest(experiment(), Map.of("checkpoints/best.params", checkpoint)));
        String path = "/api/v1/runs/" + run.getId() + "/files/checkpoints/best.params";
        HttpResponse<String> whole = asAdmin("GET", path, null, null);
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + Blobs.b2sum(checkpoint) + "\"", etag);
        assertTrue(whole.headers().firstValue("Cache-Control").orElse("").contains("immutable"));

        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/100000", part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(checkpoint, 1000, 2000), part.body());

        HttpResponse<String> unchanged = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, unchanged.statusCode());

        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Range", "bytes=200000-").build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(outside, 416, "range-not-satisfiable");
    }

    @Test
    void searchFiltersSortsAndPagesWithoutGapsOrRepeats() throws Exception {
        String experiment = experiment();
        String log = pipeline.upload("shared log".getBytes());
        Map<String, Double> accuracyById = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            RunManifest manifest = new RunManifest().experiment(experiment)
                    .createdAt(java.time.OffsetDateTime.parse("2026-11-24T10:00:00Z").plusMinutes(i))
                    .putParamsItem("lr", i % 2 == 0 ? 0.001 : 0.01)
                    .putParamsItem("architecture", i < 5 ? "resnet" : "minicnn")
                    .putMetricsItem("val_accuracy", 0.5 + i / 100.0)
                    .putTagsItem("parity", i % 2 == 0 ? "even" : "odd")
                    .addFilesItem(new RunFile().path("logs/run.log").digest(log).size(10L));
            if (i % 5 != 0) {
                manifest.putMetricsItem("val_auc", 0.9 - i / 1000.0);
            }
            accuracyById.put(runs.commitRun(manifest).getId(), 0.5 + i / 100.0);
        }
        RunPage all = search(experiment, null, null, null, null, null, 100, null);
        assertEquals(25, all.getItems().size());
        assertNull(all.getNextCursor());
        for (int i = 1; i < 25; i++) {
            assertTrue(all.getItems().get(i - 1).getCreatedAt().isAfter(all.getItems().get(i).getCreatedAt()), "newest first");
        }

        assertEquals(13, search(experiment, List.of("parity=even"), null, null, null, null, null, null).getItems().size());
        assertEquals(12, search(experiment, null, List.of("lr=0.01"), null, null, null, null, null).getItems().size());
        RunPage strong = search(experiment, List.of("parity=odd"), null, List.of("val_accuracy>0.6"),
                null, null, null, null);
        assertTrue(strong.getItems().stream().allMatch(r -> r.getMetrics().get("val_accuracy") > 0.6
                && "odd".equals(r.getTags().get("parity"))));
        assertEquals(7, strong.getItems().size());
        assertEquals(1, search(experiment, null, null, List.of("val_accuracy=0.74"), null, null, null, null)
                .getItems().size());
        assertEquals(5, search(experiment, null, List.of("architecture=resnet"), null, null, null, null, null)
                .getItems().size());

        // Page through by a metric, ascending, 4 at a time: every run with the metric exactly once, in order.
        List<RunSummary> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RunPage page = search(experiment, null, null, null, "metric:val_auc", "asc", 4, cursor);
            seen.addAll(page.getItems());
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(20, seen.size(), "runs without val_auc are not listed when sorting by it");
        assertEquals(5, pages);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(ids.add(seen.get(i).getId()), "no repeats");
            if (i > 0) {
                assertTrue(seen.get(i - 1).getMetrics().get("val_auc") <= seen.get(i).getMetrics().get("val_auc"));
            }
        }
        RunPage best = search(experiment, null, null, null, "metric:val_accuracy", "desc", 1, null);
        assertEquals(0.74, best.getItems().get(0).getMetrics().get("val_accuracy"), 1e-12);
        assertEquals(0.74, accuracyById.get(best.getItems().get(0).getId()), 1e-12);
    }

    @Test
    void badInputGetsA4xxProblemAndChangesNothing() throws Exception {
        String experiment = experiment();
        String valid = "{\"experiment\":\"" + experiment + "\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[]}";
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", "{\"experiment\":".getBytes()), 400, null);
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", "[1,2]".getBytes()), 400, "bad-manifest");
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", new byte[0]), 400, null);
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}), 400, null);
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/xml", valid.getBytes()), 415, null);
        // text/plain is what an HTML form can send: refused as cross-site before its media type is judged.
        assertProblem(asAdmin("POST", "/api/v1/runs", "text/plain", valid.getBytes()), 403, "cross-site");
        byte[] huge = ("{\"experiment\":\"" + experiment + "\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],"
                + "\"tags\":{\"x\":\"" + "y".repeat((int) SharedServer.MANIFEST_LIMIT) + "\"}}").getBytes();
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", huge), 413, "manifest-too-large");
        String traversal = valid.replace("\"files\":[]", "\"files\":[{\"path\":\"../../etc/passwd\",\"digest\":\""
                + Blobs.b2sum("x".getBytes()) + "\",\"size\":1}]");
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", traversal.getBytes()), 400, "bad-path");
        String duplicate = valid.replace("\"files\":[]", "\"files\":[{\"path\":\"a\",\"digest\":\""
                + Blobs.b2sum("x".getBytes()) + "\",\"size\":1},{\"path\":\"a\",\"digest\":\""
                + Blobs.b2sum("y".getBytes()) + "\",\"size\":1}]");
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json", duplicate.getBytes()), 400, "duplicate-path");
        assertProblem(asAdmin("POST", "/api/v1/runs", "application/json",
                valid.replace("}", ",\"surprise\":true}").getBytes()), 400, "bad-manifest");
        assertTrue(search(experiment, null, null, null, null, null, null, null).getItems().isEmpty(),
                "nothing was committed");

        assertProblem(asAdmin("GET", "/api/v1/runs?metric=" + URLEncoder.encode("val_accuracy~0.9", StandardCharsets.UTF_8),
                null, null), 400, "bad-filter");
        assertProblem(asAdmin("GET", "/api/v1/runs?limit=0", null, null), 400, "bad-filter");
        assertProblem(asAdmin("GET", "/api/v1/runs?limit=abc", null, null), 404, null);
        assertProblem(asAdmin("GET", "/api/v1/runs?cursor=bm9wZQ", null, null), 400, "bad-cursor");
        assertProblem(asAdmin("GET", "/api/v1/runs/blake2b:" + "0".repeat(64), null, null), 404, "run-not-found");
        assertProblem(asAdmin("GET", "/api/v1/runs/not-a-run", null, null), 400, "bad-digest");
        RunSummary run = pipeline.commit(pipeline.manifest(experiment(), Map.of("a.txt", "a".getBytes())));
        assertProblem(asAdmin("GET", "/api/v1/runs/" + run.getId() + "/files/b.txt", null, null), 404, "file-not-found");
        for (String hostile : new String[] {"..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd", "a%00b", "a%5Cb"}) {
            HttpResponse<String> response = asAdmin("GET", "/api/v1/runs/" + run.getId() + "/files/" + hostile, null, null);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, hostile + " -> " + response.statusCode());
            assertFalse(response.body().contains("root:"), hostile);
        }
        assertProblem(asAdmin("DELETE", "/api/v1/runs/" + run.getId(), null, null), 405, null);
        assertProblem(asAdmin("PUT", "/api/v1/runs/" + run.getId(), "application/json", valid.getBytes()), 405, null);
        assertEquals(run.getId(), runs.getRun(run.getId()).getId(), "still there, unchanged");
    }

    @Test
    void everyApiCallNeedsCredentialsButHealthDoesNot() throws Exception {
        HttpResponse<String> anonymous = raw("GET", "/api/v1/runs", null, null, null);
        assertProblem(anonymous, 401, "unauthenticated");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertProblem(raw("GET", "/api/v1/runs", null, null, RunvaultServer.basic("admin", "wrong")), 401, null);
        assertProblem(raw("GET", "/api/v1/runs", null, null, "Basic !!!notbase64"), 401, null);
        assertProblem(raw("PUT", "/api/v1/blobs/" + Blobs.b2sum(new byte[] {1}), "application/octet-stream",
                new byte[] {1}, null), 401, null);
        assertProblem(raw("POST", "/api/v1/admin/scrub", null, null, null), 401, null);
        ApiException refused = assertThrows(ApiException.class,
                () -> new RunsApi(Clients.as(SERVER, null)).searchRuns(null, null, null, null, null, null, null, null));
        assertEquals(401, refused.getCode());
        assertEquals(200, raw("GET", "/health/ready", null, null, null).statusCode());
        assertEquals(200, raw("GET", "/health/live", null, null, null).statusCode());
    }

    @Test
    void scrubReportsAStoredBlobWhoseBytesChanged() throws Exception {
        ScrubReport clean = new AdminApi(admin).scrub();
        assertTrue(clean.getCorrupt().isEmpty(), clean.toString());
        assertTrue(clean.getMissing().isEmpty(), clean.toString());
        String digest = pipeline.upload(Blobs.random(4096, 51));
        Path stored = SERVER.dataDirectory().resolve("blobs").resolve(digest.substring(8, 10)).resolve(digest.substring(10));
        stored.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[100] ^= 0x40;
        Files.write(stored, bytes);
        ScrubReport report = new AdminApi(admin).scrub();
        assertEquals(List.of(digest), report.getCorrupt());
        assertTrue(report.getBlobsChecked() >= 1);
    }

    @Test
    void metricsCountBlobBytesAndRequests() throws Exception {
        pipeline.upload(Blobs.random(10_000, 61));
        HttpResponse<String> metrics = raw("GET", "/metrics", null, null, null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("runvault_blob_bytes_in_total"), "blob bytes in");
        assertTrue(metrics.body().contains("runvault_blob_bytes_out_total") || metrics.body().contains("runvault_blob_bytes_out"),
                "blob bytes out");
        assertTrue(metrics.body().contains("REST_request"), "request counts and latencies");
    }

    @Test
    void concurrentUploadsOfOneNewBlobBothSucceed() throws Exception {
        byte[] content = Blobs.random(3_000_000, 71);
        String digest = Blobs.b2sum(content);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uploads.add(http.sendAsync(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/blobs/" + digest))
                    .header("Authorization", RunvaultServer.adminAuthorization())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int created = 0;
        for (var upload : uploads) {
            int status = upload.get().statusCode();
            assertTrue(status == 200 || status == 201, "status " + status);
            created += status == 201 ? 1 : 0;
        }
        assertEquals(1, created);
        try (InputStream in = Files.newInputStream(blobs.getBlob(digest, null).toPath())) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertNotEquals(0, content.length);
    }
}
