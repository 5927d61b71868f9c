package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A supervisor restarts the appliance after a crash or a stop: the runnable jar must start again
 * with a fixed WLP_JAR_EXTRACT_DIR, and the default extraction place must not fill up with what
 * killed servers leave (about 0.5 GB each).
 */
// Run once, on the embedded default: the launcher runs before any database is touched.
@EnabledIfSystemProperty(named = "runvault.test.database", matches = "h2")
class LauncherIT {

    private static Path newDataDirectory(String name) throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-" + name + "-");
    }

    /** A path next to the data directory, named so that the server's close() removes it too. */
    private static Path beside(Path data, String suffix) {
        return data.resolveSibling(data.getFileName() + "-wlp-" + suffix);
    }

    @Test
    void aFixedExtractDirectoryRestartsAfterAKillAndAfterAStop() throws Exception {
        Path data = newDataDirectory("launcher-fixed");
        Path fixed = beside(data, "fixed");
        try (RunvaultServer server = new RunvaultServer(data, SuiteDatabase.fresh(),
                RunvaultServer.env("WLP_JAR_EXTRACT_DIR", fixed.toString())).start()) {
            assertTrue(Files.isDirectory(fixed), "the server runs from the configured directory");
            server.kill();
            server.start(); // Liberty's launcher alone exits 4 here: "directory already exists"
            server.stop();
            assertFalse(Files.exists(fixed), "a stopped server removes its extraction");
            server.start();
        }
    }

    @Test
    void aFixedExtractDirectoryThatNoServerMadeIsNeverEmptied() throws Exception {
        Path data = newDataDirectory("launcher-foreign");
        Path foreign = beside(data, "foreign");
        Files.createDirectories(foreign);
        Path precious = Files.writeString(foreign.resolve("notes.txt"), "not Runvault's");
        try (RunvaultServer server = new RunvaultServer(data, SuiteDatabase.fresh(),
                RunvaultServer.env("WLP_JAR_EXTRACT_DIR", foreign.toString()))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
            assertTrue(refused.getMessage().contains("no Runvault server made it"), refused.getMessage());
            assertEquals("not Runvault's", Files.readString(precious), "the directory was left as it was");
        }
    }

    @Test
    void theDefaultExtractPlaceKeepsNothingFromKilledServers() throws Exception {
        Path data = newDataDirectory("launcher-default");
        Path root = beside(data, "root");
        try (RunvaultServer server = new RunvaultServer(data, SuiteDatabase.fresh(), RunvaultServer.env(
                "WLP_JAR_EXTRACT_DIR", "", "WLP_JAR_EXTRACT_ROOT", root.toString())).start()) {
            assertEquals(1, extractions(root).size(), "one extraction while running: " + extractions(root));
            server.kill();
            server.start();
            assertEquals(1, extractions(root).size(), "the killed server's extraction was removed: " + extractions(root));
            server.stop();
            assertEquals(List.of(), extractions(root), "nothing left after a stop");
        }
    }

    @Test
    void theDefaultDataDirectoryIsBesideTheStartAndOutlivesAStop() throws Exception {
        Path started = newDataDirectory("launcher-cwd");
        Path data = started.resolve("data");
        byte[] content = Blobs.random(100_000, 5);
        String digest = Blobs.b2sum(content);
        try (RunvaultServer server = new RunvaultServer(data, SuiteDatabase.fresh(),
                RunvaultServer.env("RUNVAULT_DATA", "")).start()) {
            HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/api/v1/blobs/" + digest))
                    .header("Authorization", RunvaultServer.adminAuthorization())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, stored.statusCode(), stored.body());
            assertTrue(Files.isDirectory(data.resolve("db")), "the database is under ./data of the start");
            assertTrue(Files.isDirectory(data.resolve("blobs")), "the blobs are under ./data of the start");
            server.stop();
            assertTrue(Files.isDirectory(data.resolve("blobs")), "a stop keeps the data");
            server.start();
            assertEquals(200, server.blobStatus(digest), "the blob is there after a restart");
        }
    }

    private static List<Path> extractions(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }
}
