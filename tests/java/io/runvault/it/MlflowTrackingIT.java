package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.api.TokensApi;
import io.runvault.client.model.TokenRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** MLflow's own Java client logs to the appliance; an ended run is an ordinary, immutable Runvault run. */
class MlflowTrackingIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MlflowClient mlflow = new MlflowClient(
            new BasicMlflowHostCreds(SERVER.baseUrl(), "admin", RunvaultServer.ADMIN_PASSWORD));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theJavaClientLogsARunWhoseEndCommitsItAsAContentAddressedRun() throws Exception {
        String experimentName = "mlflow-java-" + UUID.randomUUID();
        String experimentId = mlflow.createExperiment(experimentName);
        assertEquals(experimentName, mlflow.getExperimentByName(experimentName).orElseThrow().getName());
        mlflow.setExperimentTag(experimentId, "team", "vision");
        assertEquals("vision", mlflow.getExperiment(experimentId).getTags(0).getValue());

        String better = trainedRun(experimentId, "better", 0.9);
        String worse = trainedRun(experimentId, "worse", 0.6);
        mlflow.setTag(better, "stage", "candidate");

        Run open = mlflow.getRun(better);
        assertEquals(RunStatus.RUNNING, open.getInfo().getStatus());
        assertEquals("better", open.getInfo().getRunName());
        Map<String, Double> latest = open.getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue));
        assertEquals(0.9, latest.get("accuracy"), 1e-12, "the latest value is the one at the largest step");
        assertEquals("0.001", param(open, "lr"));
        List<Metric> history = mlflow.getMetricHistory(better, "loss");
        assertEquals(100, history.size());
        for (int step = 0; step < 100; step++) {
            assertEquals(step, history.get(step).getStep());
            assertEquals(loss(step), history.get(step).getValue(), 1e-12);
        }

        RunsPage found = mlflow.searchRuns(List.of(experimentId), "metrics.accuracy > 0.5 and params.lr = '0.001'",
                ViewType.ACTIVE_ONLY, 10, List.of("metrics.accuracy DESC"));
        assertEquals(List.of(better, worse), found.getItems().stream().map(run -> run.getInfo().getRunId()).toList());
        RunsPage narrowed = mlflow.searchRuns(List.of(experimentId), "metrics.accuracy >= 0.7 and tags.stage = 'candidate'",
                ViewType.ACTIVE_ONLY, 10, List.of());
        assertEquals(List.of(better), narrowed.getItems().stream().map(run -> run.getInfo().getRunId()).toList());

        mlflow.setTerminated(better, RunStatus.FINISHED);
        Run ended = mlflow.getRun(better);
        assertEquals(RunStatus.FINISHED, ended.getInfo().getStatus());
        String runvaultId = ended.getData().getTagsList().stream().filter(tag -> tag.getKey().equals("runvault.run_id"))
                .map(RunTag::getValue).findFirst().orElseThrow();

        // The committed run, through the native API: its id is the b2sum of its manifest.
        Path manifest = Files.createTempFile("manifest", ".json");
        try {
            Files.write(manifest, send("GET", "/api/v1/runs/" + runvaultId + "/manifest", null).body().getBytes());
            assertEquals(runvaultId, Blobs.b2sum(manifest));
        } finally {
            Files.delete(manifest);
        }
        JsonNode committed = JSON.readTree(send("GET", "/api/v1/runs/" + runvaultId, null).body());
        assertEquals(experimentName, committed.path("experiment").asText());
        assertEquals(better, committed.path("tags").path("mlflow.run_id").asText());
        assertEquals("candidate", committed.path("tags").path("stage").asText());
        assertEquals("0.001", committed.path("params").path("lr").asText());
        assertEquals(0.9, committed.path("metrics").path("accuracy").asDouble(), 1e-12);
        JsonNode lossSeries = committed.path("series").path("loss");
        assertEquals(100, lossSeries.size());
        for (int step = 0; step < 100; step++) {
            assertEquals(loss(step), lossSeries.get(step).asDouble(), 1e-12);
        }
        JsonNode record = JSON.readTree(send("GET", "/api/v1/runs/" + runvaultId + "/files/mlflow/run.json", null).body());
        assertEquals(100, record.path("metrics").path("loss").size());
        assertEquals(99, record.path("metrics").path("loss").get(99).path("step").asLong());

        // Immutable from now on: every write is refused in MLflow's shape, and nothing changes.
        MlflowClientException refused = assertThrows(MlflowClientException.class,
                () -> mlflow.logMetric(better, "accuracy", 1.0));
        assertTrue(refused.getMessage().contains("INVALID_PARAMETER_VALUE"), refused.getMessage());
        assertTrue(refused.getMessage().contains(runvaultId), refused.getMessage());
        assertThrows(MlflowClientException.class, () -> mlflow.setTag(better, "stage", "changed"));
        assertEquals(100, mlflow.getMetricHistory(better, "accuracy").size());
        assertEquals("candidate", mlflow.getRun(better).getData().getTagsList().stream()
                .filter(tag -> tag.getKey().equals("stage")).findFirst().orElseThrow().getValue());

        // Ending it again (a client's retry) answers the same committed run.
        mlflow.setTerminated(better, RunStatus.FINISHED);
        assertEquals(runvaultId, mlflow.getRun(better).getData().getTagsList().stream()
                .filter(tag -> tag.getKey().equals("runvault.run_id")).findFirst().orElseThrow().getValue());
    }

    @Test
    void pagesRenamesRunDeletionAndTagRemovalWorkAsInMlflow() throws Exception {
        String experimentId = mlflow.createExperiment("mlflow-pages-" + UUID.randomUUID());
        String runId = mlflow.createRun(experimentId).getRunId();
        List<Metric> steps = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            steps.add(Metric.newBuilder().setKey("loss").setValue(step).setTimestamp(1000 + step).setStep(step).build());
        }
        mlflow.logBatch(runId, steps, List.of(), List.of());
        JsonNode first = JSON.readTree(send("GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + runId
                + "&metric_key=loss&max_results=3", null).body());
        assertEquals(3, first.path("metrics").size());
        JsonNode rest = JSON.readTree(send("GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + runId
                + "&metric_key=loss&max_results=3&page_token=" + first.path("next_page_token").asText(), null).body());
        assertEquals(List.of(3L, 4L), List.of(rest.path("metrics").get(0).path("step").asLong(),
                rest.path("metrics").get(1).path("step").asLong()));
        assertTrue(rest.path("next_page_token").isMissingNode());

        String second = mlflow.createRun(experimentId).getRunId();
        RunsPage page = mlflow.searchRuns(List.of(experimentId), null, ViewType.ACTIVE_ONLY, 1, List.of("start_time ASC"));
        assertEquals(1, page.getItems().size());
        assertTrue(page.hasNextPage());
        List<String> both = new ArrayList<>(List.of(page.getItems().get(0).getInfo().getRunId(),
                ((RunsPage) page.getNextPage()).getItems().get(0).getInfo().getRunId()));
        java.util.Collections.sort(both);
        List<String> expected = new ArrayList<>(List.of(runId, second));
        java.util.Collections.sort(expected);
        assertEquals(expected, both);

        mlflow.deleteRun(second);
        assertEquals(List.of(runId), mlflow.searchRuns(List.of(experimentId), null, ViewType.ACTIVE_ONLY, 10).getItems()
                .stream().map(run -> run.getInfo().getRunId()).toList());
        mlflow.restoreRun(second);
        assertEquals(2, mlflow.searchRuns(List.of(experimentId), null, ViewType.ACTIVE_ONLY, 10).getItems().size());

        mlflow.setTag(runId, "temporary", "yes");
        mlflow.deleteTag(runId, "temporary");
        assertTrue(mlflow.getRun(runId).getData().getTagsList().stream().noneMatch(tag -> tag.getKey().equals("temporary")));
        assertThrows(MlflowClientException.class, () -> mlflow.deleteTag(runId, "temporary"));

        String renamed = "mlflow-renamed-" + UUID.randomUUID();
        mlflow.renameExperiment(experimentId, renamed);
        assertEquals(experimentId, mlflow.getExperimentByName(renamed).orElseThrow().getExperimentId());
        assertEquals(List.of(renamed), mlflow.searchExperiments("name = '" + renamed + "'").getItems().stream()
                .map(Experiment::getName).toList());
    }

    @Test
    void aRunvaultApiTokenIsWhatMlflowTrackingTokenSends() throws Exception {
        String token = new TokensApi(Clients.admin(SERVER)).createToken(new TokenRequest().name("mlflow")).getToken();
        MlflowClient withToken = new MlflowClient(new BasicMlflowHostCreds(SERVER.baseUrl(), token));
        String experimentId = withToken.createExperiment("mlflow-token-" + UUID.randomUUID());
        assertEquals(experimentId, withToken.getExperiment(experimentId).getExperimentId());
        MlflowClient wrong = new MlflowClient(new BasicMlflowHostCreds(SERVER.baseUrl(), "rv_not-a-token"));
        MlflowClientException refused = assertThrows(MlflowClientException.class, () -> wrong.getExperiment(experimentId));
        assertTrue(refused.getMessage().contains("401"), refused.getMessage());
        assertError(send("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", null, "Bearer rv_not-a-token"), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void paramsAreWrittenOnceAndExperimentsAreSoftDeleted() throws Exception {
        String experimentId = mlflow.createExperiment("mlflow-params-" + UUID.randomUUID());
        RunInfo run = mlflow.createRun(experimentId);
        mlflow.logParam(run.getRunId(), "optimizer", "adam");
        mlflow.logParam(run.getRunId(), "optimizer", "adam");
        MlflowClientException changed = assertThrows(MlflowClientException.class,
                () -> mlflow.logParam(run.getRunId(), "optimizer", "sgd"));
        assertTrue(changed.getMessage().contains("Changing param values is not allowed"), changed.getMessage());
        assertEquals("adam", param(mlflow.getRun(run.getRunId()), "optimizer"));

        mlflow.deleteExperiment(experimentId);
        assertEquals("deleted", mlflow.getExperiment(experimentId).getLifecycleStage());
        assertTrue(mlflow.searchRuns(List.of(experimentId), null, ViewType.ACTIVE_ONLY, 10).getItems().isEmpty());
        assertEquals(1, mlflow.searchRuns(List.of(experimentId), null, ViewType.DELETED_ONLY, 10).getItems().size());
        assertThrows(MlflowClientException.class, () -> mlflow.logParam(run.getRunId(), "seed", "1"));
        mlflow.restoreExperiment(experimentId);
        mlflow.logParam(run.getRunId(), "seed", "1");
        Experiment restored = mlflow.getExperiment(experimentId);
        assertEquals("active", restored.getLifecycleStage());
    }

    @Test
    void refusalsComeInMlflowsErrorShape() throws Exception {
        HttpResponse<String> absent = send("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=no-such-"
                + UUID.randomUUID(), null);
        assertError(absent, 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(send("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\": "), 400, "BAD_REQUEST");
        assertError(send("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"0\"], \"filter\": \"metrics.a >> 1\"}"),
                400, "INVALID_PARAMETER_VALUE");
        assertError(send("POST", "/api/2.0/mlflow/runs/log-metric",
                "{\"run_id\": \"0000\", \"key\": \"a\", \"value\": 1, \"timestamp\": 1}"), 404, "RESOURCE_DOES_NOT_EXIST");

        String experimentId = mlflow.createExperiment("mlflow-limits-" + UUID.randomUUID());
        String runId = mlflow.createRun(experimentId).getRunId();
        StringBuilder batch = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
        for (int i = 0; i < 1001; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"key\": \"m\", \"value\": 1, \"timestamp\": ").append(i).append('}');
        }
        assertError(send("POST", "/api/2.0/mlflow/runs/log-batch", batch.append("]}").toString()), 400,
                "INVALID_PARAMETER_VALUE");
        assertTrue(mlflow.getMetricHistory(runId, "m").isEmpty(), "a refused batch logs nothing");
        String huge = "{\"run_id\": \"" + runId + "\", \"key\": \"k\", \"value\": \"" + "x".repeat(17 << 20) + "\"}";
        assertError(send("POST", "/api/2.0/mlflow/runs/log-parameter", huge), 400, "INVALID_PARAMETER_VALUE");
        assertError(send("POST", "/api/2.0/mlflow/runs/log-parameter",
                "{\"run_id\": \"" + runId + "\", \"key\": \"../x\", \"value\": \"1\"}"), 400, "INVALID_PARAMETER_VALUE");

        // A viewer reads but cannot log.
        Users.Login viewer = Users.create(SERVER, "viewer");
        HttpResponse<String> denied = send("POST", "/api/2.0/mlflow/runs/log-parameter",
                "{\"run_id\": \"" + runId + "\", \"key\": \"k\", \"value\": \"v\"}", viewer.authorization());
        assertError(denied, 403, "PERMISSION_DENIED");
        assertEquals(200, send("GET", "/api/2.0/mlflow/runs/get?run_id=" + runId, null, viewer.authorization()).statusCode());
    }

    @Test
    void numbersMayArriveAsStringsAndRetriedCreatesAnswerTheFirstResult() throws Exception {
        String name = "mlflow-retry-" + UUID.randomUUID();
        String body = "{\"name\": \"" + name + "\"}";
        String first = JSON.readTree(send("POST", "/api/2.0/mlflow/experiments/create", body).body()).path("experiment_id").asText();
        String again = JSON.readTree(send("POST", "/api/2.0/mlflow/experiments/create", body).body()).path("experiment_id").asText();
        assertEquals(first, again);

        String create = "{\"experiment_id\": \"" + first + "\", \"start_time\": \"1700000000000\", \"run_name\": \"r\", "
                + "\"unknown_member\": true}";
        JsonNode run = JSON.readTree(send("POST", "/api/2.0/mlflow/runs/create", create).body()).path("run").path("info");
        JsonNode retried = JSON.readTree(send("POST", "/api/2.0/mlflow/runs/create", create).body()).path("run").path("info");
        assertEquals(run.path("run_id").asText(), retried.path("run_id").asText());
        assertEquals(1700000000000L, run.path("start_time").asLong());
        assertEquals(1, mlflow.searchRuns(List.of(first), null, ViewType.ALL, 10).getItems().size());

        String runId = run.path("run_id").asText();
        assertEquals(200, send("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\": \"" + runId
                + "\", \"key\": \"loss\", \"value\": \"0.25\", \"timestamp\": \"1700000000001\", \"step\": \"7\"}").statusCode());
        Metric logged = mlflow.getMetricHistory(runId, "loss").get(0);
        assertEquals(0.25, logged.getValue(), 0.0);
        assertEquals(7, logged.getStep());
        assertEquals(1700000000001L, logged.getTimestamp());
    }

    @Test
    void artifactsAreStreamedInAsBlobsAndBecomeTheCommittedRunsFiles() throws Exception {
        String experimentId = mlflow.createExperiment("mlflow-artifacts-" + UUID.randomUUID());
        String runId = mlflow.createRun(experimentId).getRunId();
        String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts";
        byte[] weights = Blobs.random(300_000, 7);
        assertEquals(200, sendBytes("PUT", root + "/model/weights.bin", weights).statusCode());
        assertEquals(200, sendBytes("PUT", root + "/notes.txt", "first".getBytes()).statusCode());
        assertEquals(200, sendBytes("PUT", root + "/notes.txt", "second".getBytes()).statusCode());

        HttpResponse<byte[]> back = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + root + "/model/weights.bin"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, back.statusCode());
        assertTrue(java.util.Arrays.equals(weights, back.body()));

        JsonNode top = JSON.readTree(send("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + experimentId + "/" + runId
                + "/artifacts", null).body());
        assertEquals("model", top.path("files").get(0).path("path").asText());
        assertTrue(top.path("files").get(0).path("is_dir").asBoolean());
        assertEquals("notes.txt", top.path("files").get(1).path("path").asText());
        assertEquals(6, top.path("files").get(1).path("file_size").asLong());
        JsonNode inModel = JSON.readTree(send("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model", null).body());
        assertEquals("model/weights.bin", inModel.path("files").get(0).path("path").asText());
        assertEquals(weights.length, inModel.path("files").get(0).path("file_size").asLong());

        assertError(sendBytes("PUT", root + "/../../escape.txt", "x".getBytes()), 400, "INVALID_PARAMETER_VALUE");
        HttpResponse<String> clash = sendBytes("PUT", root + "/NOTES.txt", "clash".getBytes());
        assertError(clash, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(clash.body().toLowerCase(java.util.Locale.ROOT).contains("notes.txt"), clash.body());
        assertError(sendBytes("PUT", "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/x.txt", "x".getBytes()),
                404, "RESOURCE_DOES_NOT_EXIST");

        mlflow.setTerminated(runId, RunStatus.FAILED);
        String runvaultId = mlflow.getRun(runId).getData().getTagsList().stream()
                .filter(tag -> tag.getKey().equals("runvault.run_id")).findFirst().orElseThrow().getValue();
        JsonNode committed = JSON.readTree(send("GET", "/api/v1/runs/" + runvaultId, null).body());
        assertEquals("FAILED", committed.path("tags").path("mlflow.status").asText());
        Map<String, String> files = new java.util.TreeMap<>();
        committed.path("files").forEach(file -> files.put(file.path("path").asText(), file.path("digest").asText()));
        Path weightsFile = Files.createTempFile("weights", ".bin");
        try {
            Files.write(weightsFile, weights);
            assertEquals(Blobs.b2sum(weightsFile), files.get("artifacts/model/weights.bin"));
        } finally {
            Files.delete(weightsFile);
        }
        assertEquals("second", send("GET", "/api/v1/runs/" + runvaultId + "/files/artifacts/notes.txt", null).body());
        assertError(sendBytes("PUT", root + "/late.txt", "late".getBytes()), 400, "INVALID_PARAMETER_VALUE");
        assertEquals(200, send("GET", root + "/notes.txt", null).statusCode(), "a committed run's artifacts stay readable");
    }

    /** A run with 100 steps of loss and accuracy logged in batches, as a training loop logs them. */
    private String trainedRun(String experimentId, String name, double finalAccuracy) {
        RunInfo run = mlflow.createRun(CreateRun.newBuilder().setExperimentId(experimentId).setRunName(name)
                .setStartTime(System.currentTimeMillis()).build());
        mlflow.logParam(run.getRunId(), "lr", "0.001");
        List<Metric> metrics = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int step = 0; step < 100; step++) {
            metrics.add(Metric.newBuilder().setKey("loss").setValue(loss(step)).setTimestamp(now + step).setStep(step).build());
            metrics.add(Metric.newBuilder().setKey("accuracy").setValue(finalAccuracy * (step + 1) / 100)
                    .setTimestamp(now + step).setStep(step).build());
        }
        mlflow.logBatch(run.getRunId(), metrics, List.of(Param.newBuilder().setKey("epochs").setValue("100").build()),
                List.of(RunTag.newBuilder().setKey("framework").setValue("djl").build()));
        assertNotNull(run.getRunId());
        return run.getRunId();
    }

    private static double loss(int step) {
        return 2.0 / (1 + step);
    }

    private static String param(Run run, String key) {
        return run.getData().getParamsList().stream().filter(param -> param.getKey().equals(key)).map(Param::getValue)
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, RunvaultServer.adminAuthorization());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendBytes(String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .header("Authorization", RunvaultServer.adminAuthorization())
                .header("Content-Type", "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(code, error.path("error_code").asText(), response.body());
        assertTrue(error.path("message").asText().length() > 5, response.body());
    }
}
