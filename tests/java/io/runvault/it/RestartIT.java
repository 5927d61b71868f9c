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
}
