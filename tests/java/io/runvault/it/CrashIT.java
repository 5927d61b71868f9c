package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.api.AdminApi;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Job;
import io.runvault.client.model.Run;
import io.runvault.client.model.RunSummary;
import io.runvault.client.model.TrainJobSpec;
import io.runvault.client.model.ScrubReport;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the server in the middle of work: an upload leaves nothing partial visible; a training
 * job is failed at the next start and its restart resumes after the last checkpointed epoch.
 */
class CrashIT {

    private static final long UPLOAD_BYTES = 512L << 20;

    @Test
    void aKillDuringALargeUploadLeavesNoPartialBlobAndKeepsEverythingCommitted() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("crash", Map.of())) {
            Runs pipeline = new Runs(Clients.admin(server));
            Map<String, byte[]> files = Runs.suite(91);
            RunSummary before = pipeline.commit(pipeline.manifest("crash-" + System.nanoTime(), files));

            // Any digest will do: the server is killed before the body ends.
            String digest = Blobs.b2sum("the large upload".getBytes());
            HttpRequest upload = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/blobs/" + digest))
                    .header("Authorization", RunvaultServer.adminAuthorization())
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowRandomStream(UPLOAD_BYTES)))
                    .build();
            CompletableFuture<HttpResponse<String>> inFlight =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                            .sendAsync(upload, HttpResponse.BodyHandlers.ofString());
            Path temp = server.dataDirectory().resolve("blobs").resolve(".tmp");
            awaitPartialUpload(temp);
            server.kill();
            assertTrue(inFlight.handle((response, failure) -> failure != null || response.statusCode() >= 400)
                    .get(60, java.util.concurrent.TimeUnit.SECONDS), "the upload did not succeed");
            assertTrue(count(temp) > 0, "the interrupted upload left its temporary file behind");

            server.start();
            assertEquals(0, count(temp), "temporary files are cleaned at start-up");
            assertEquals(404, server.blobStatus(digest));
            RunsApi runs = new RunsApi(Clients.admin(server));
            for (var file : runs.getRun(before.getId()).getFiles()) {
                assertArrayEquals(files.get(file.getPath()),
                        Files.readAllBytes(runs.getRunFile(before.getId(), file.getPath(), null).toPath()));
            }
            ScrubReport scrub = new AdminApi(Clients.admin(server)).scrub();
            assertTrue(scrub.getCorrupt().isEmpty() && scrub.getMissing().isEmpty(), scrub.toString());
        }
    }

    @Test
    void aKillDuringTrainingThenARestartOfTheJobResumesAfterTheLastCheckpoint() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("crash-training", Map.of())) {
            JobsApi jobs = new JobsApi(Clients.admin(server));
            int epochs = 6;
            String id = jobs.submitJob(new TrainJobSpec().dataset("fashion-mnist").experiment("crash-it")
                    .architecture("minicnn").epochs(epochs).batchSize(32).trainSamples(1500).testSamples(200)
                    .seed(11L)).getId();
            Job before = JobWaits.until(jobs, id, job -> job.getCheckpointEpoch() != null && job.getCheckpointEpoch() >= 1
                    || !job.getState().equals("queued") && !job.getState().equals("running"));
            assertEquals("running", before.getState(), "the job was still training when the server was killed");
            server.kill();

            server.start();
            jobs = new JobsApi(Clients.admin(server));
            Job interrupted = jobs.getJob(id);
            assertEquals("failed", interrupted.getState());
            int checkpoint = interrupted.getCheckpointEpoch();
            assertTrue(checkpoint >= 1 && checkpoint < epochs, "checkpoint epoch " + checkpoint);
            assertTrue(interrupted.getFailure().contains("restart resumes after epoch " + checkpoint),
                    interrupted.getFailure());

            jobs.restartJob(id);
            Job done = JobWaits.finished(jobs, id);
            assertEquals("completed", done.getState(), done.getFailure());
            assertTrue(jobs.getJobLog(id, false).contains("resuming after epoch " + checkpoint));
            Run run = new RunsApi(Clients.admin(server)).getRun(done.getRunId());
            assertEquals(epochs, run.getSeries().get("val_auc").size(), "every epoch once");
            assertEquals((double) epochs, run.getMetrics().get("epochs_trained"));
        }
    }

    private static void awaitPartialUpload(Path temp) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(temp)) {
                if (files.anyMatch(f -> f.toFile().length() > (8 << 20))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the upload never reached the server's temporary file");
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    /** Random bytes, paced so that the upload is still running when the server is killed. */
    private static final class SlowRandomStream extends InputStream {
        private final Random random = new Random(7);
        private long left;

        SlowRandomStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 1 << 20), left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            left -= n;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        }
    }
}
