package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Run;
import io.runvault.client.model.RunSummary;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What was committed survives a restart, and the admin password chosen at first start still works. */
class RestartIT {

    @Test
    void aRestartKeepsRunsFilesAndUsers() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("restart", Map.of())) {
            Runs pipeline = new Runs(Clients.admin(server));
            Map<String, byte[]> files = Runs.suite(81);
            RunSummary committed = pipeline.commit(pipeline.manifest("restart-" + System.nanoTime(), files));
            String firstLog = server.log();

            server.stop();
            server.start();

            RunsApi runs = new RunsApi(Clients.admin(server));
            Run run = runs.getRun(committed.getId());
            assertEquals(committed.getName(), run.getName());
            assertEquals(committed.getId(), Blobs.b2sum(Files.readAllBytes(runs.getRunManifest(committed.getId()).toPath())));
            for (var file : run.getFiles()) {
                assertArrayEquals(files.get(file.getPath()),
                        Files.readAllBytes(runs.getRunFile(committed.getId(), file.getPath(), null).toPath()));
            }
            assertEquals(1, runs.searchRuns(null, committed.getExperiment(), null, null, null, null, null, null)
                    .getItems().size());
            assertTrue(firstLog.contains("Created user 'admin'"));
            assertFalse(server.log().contains("Created user 'admin'"), "the admin user is created once only");
        }
    }

    @Test
    void aGeneratedAdminPasswordIsPrintedOnceAndWorks() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("generated", Map.of("RUNVAULT_ADMIN_PASSWORD", ""))) {
            var matcher = java.util.regex.Pattern.compile("generated password: (\\S+)").matcher(server.log());
            assertTrue(matcher.find(), "the generated password is in the log");
            String password = matcher.group(1);
            RunsApi runs = new RunsApi(Clients.as(server, RunvaultServer.basic("admin", password)));
            assertTrue(runs.searchRuns(null, null, null, null, null, null, null, null).getItems().isEmpty());
            assertFalse(Files.readString(server.dataDirectory().resolve("logs").resolve("messages.log"))
                    .matches("(?s).*generated password: (?!" + java.util.regex.Pattern.quote(password) + ").*"));
        }
    }
}
