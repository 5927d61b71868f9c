package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiClient;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.PromotionsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Job;
import io.runvault.client.model.Lineage;
import io.runvault.client.model.NewModel;
import io.runvault.client.model.NewModelVersion;
import io.runvault.client.model.PromotionAsk;
import io.runvault.client.model.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Approving a version into production builds its bundle: the model and an optimised copy checked
 * against it, measurements, deployment files, a changelog against the previous production version
 * and the model card, committed as a run whose parent is the version's run.
 */
class BundleIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void eachApprovalIntoProductionCommitsABundleWithAChangelogAgainstThePreviousVersion() throws Exception {
        Users.Login scientist = Users.create(SERVER, "contributor");
        Users.Login reviewer = Users.create(SERVER, "approver");
        String model = "bundled-" + UUID.randomUUID().toString().substring(0, 8);
        new ModelsApi(as(scientist)).createModel(new NewModel().name(model).description("bundled classifier"));
        byte[] first = PredictIT.linearModel(11);
        byte[] second = PredictIT.linearModel(12);
        byte[] weights = Blobs.random(4096, 21);
        int v1 = register(scientist, model, Map.of("exports/model.onnx", first, "checkpoints/best_linear.params", weights),
                0.81, 0.001);
        int v2 = register(scientist, model, Map.of("exports/model.onnx", second), 0.84, 0.003);

        promote(scientist, reviewer, model, v1);
        Run bundle1 = bundleOf(reviewer, model, v1);
        List<String> files = bundle1.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(files.containsAll(List.of("model/model.onnx", "model/model.optimized.onnx",
                "model/optimization_parity.json", "performance/benchmarks.json", "performance/resource_usage.json",
                "deployment/signature.json", "deployment/preprocessing.json", "deployment/classes.json",
                "deployment/example_request.json", "deployment/example_response.json", "deployment/README.md",
                "CHANGELOG.md", "README.md")), files.toString());
        assertEquals("bundle", bundle1.getTags().get("kind"));
        RunsApi runs = new RunsApi(as(scientist));
        String v1Run = new ModelsApi(as(scientist)).getModelVersion(model, v1).getRunId();
        assertEquals(List.of(v1Run), bundle1.getLineage().getParents());
        assertEquals(b2(first), bundle1.getFiles().stream().filter(f -> f.getPath().equals("model/model.onnx"))
                .findFirst().orElseThrow().getDigest(), "the bundle holds the version's own file");
        // Plain parameters (no training checkpoint around them) are the clean weights as they are.
        assertEquals(b2(weights), bundle1.getFiles().stream().filter(f -> f.getPath().equals("model/weights.params"))
                .findFirst().orElseThrow().getDigest());

        JsonNode parity = json(runs, bundle1, "model/optimization_parity.json");
        assertTrue(parity.get("passed").asBoolean(), parity.toString());
        assertTrue(parity.get("samples").asInt() > 100, parity.toString());
        JsonNode benchmarks = json(runs, bundle1, "performance/benchmarks.json");
        for (String p : List.of("p50_ms", "p95_ms", "p99_ms")) {
            assertTrue(benchmarks.get("latency").get(p).asDouble() > 0, benchmarks.toString());
        }
        for (int b : List.of(1, 32, 256)) {
            assertTrue(benchmarks.get("throughput").get("batch_" + b + "_images_per_second").asDouble() > 0, benchmarks.toString());
        }
        assertTrue(benchmarks.get("intra_op_threads").asInt() >= 1);
        JsonNode resources = json(runs, bundle1, "performance/resource_usage.json");
        assertTrue(resources.get("load_ms").asDouble() > 0 && resources.get("model_bytes").asLong() > 0, resources.toString());

        // The example response is what the model answers for the example request, recomputed here from
        // the optimised file, normalised as preprocessing.json says.
        JsonNode request = json(runs, bundle1, "deployment/example_request.json");
        JsonNode response = json(runs, bundle1, "deployment/example_response.json");
        JsonNode prep = json(runs, bundle1, "deployment/preprocessing.json");
        byte[] optimized = Files.readAllBytes(runs.getRunFile(bundle1.getId(), "model/model.optimized.onnx", null).toPath());
        float[] x = new float[784];
        for (int i = 0; i < 784; i++) {
            x[i] = (float) ((request.get("pixels").get(0).get(i).asDouble() * prep.get("scale").asDouble()
                    - prep.get("mean").get(0).asDouble()) / prep.get("std").get(0).asDouble());
        }
        float[] logits = run(optimized, x);
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double total = 0;
        for (float l : logits) {
            total += Math.exp(l - max);
        }
        JsonNode probabilities = response.get("predictions").get(0).get("probabilities");
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.exp(logits[c] - max) / total, probabilities.get(c).asDouble(), 1e-4, "class " + c);
        }
        String changelog1 = text(runs, bundle1, "CHANGELOG.md");
        assertTrue(changelog1.contains("first production version"), changelog1);
        assertTrue(changelog1.contains(reviewer.username()), "who approved: " + changelog1);
        assertTrue(text(runs, bundle1, "README.md").contains(model), "the model card");

        promote(scientist, reviewer, model, v2);
        Run bundle2 = bundleOf(reviewer, model, v2);
        assertTrue(bundle2.getFiles().stream().noneMatch(f -> f.getPath().equals("model/weights.params")),
                "a run without a checkpoint has no weights to bundle");
        String changelog2 = text(runs, bundle2, "CHANGELOG.md");
        assertTrue(changelog2.contains("Replaces version " + v1), changelog2);
        assertTrue(changelog2.contains("| val_accuracy | 0.810000 | 0.840000 | +0.03"), changelog2);
        assertTrue(changelog2.contains("| learningRate | 0.001 | 0.003 |"), changelog2);
        assertTrue(changelog2.contains("McNemar"), changelog2);
    }

    @Test
    void aBundleThatCannotBeBuiltIsRefusedAtSubmitAndNothingIsQueued() throws Exception {
        Users.Login scientist = Users.create(SERVER, "contributor");
        String model = "unbundled-" + UUID.randomUUID().toString().substring(0, 8);
        new ModelsApi(as(scientist)).createModel(new NewModel().name(model));
        Runs pipeline = new Runs(as(scientist));
        String noOnnx = pipeline.commit(pipeline.manifest("bundle-it", Map.of("checkpoints/best.params", Blobs.random(300, 4)))
                .lineage(new Lineage().datasetName("fashion-mnist"))).getId();
        int version = new ModelsApi(as(scientist)).createModelVersion(model,
                new NewModelVersion().runId(noOnnx).path("checkpoints/best.params")).getVersion();
        int before = new JobsApi(as(scientist)).listJobs("bundle", 500, null, null).getItems().size();

        assertRefused(Map.of("kind", "bundle", "model", "no-such-model", "version", 1), scientist, "no-such-model");
        assertRefused(Map.of("kind", "bundle", "model", model, "version", version), scientist, "no ONNX file");
        assertRefused(Map.of("kind", "bundle", "model", model, "version", version, "dataset", "no-such-dataset"),
                scientist, "no-such-dataset");
        assertRefused(Map.of("kind", "bundle", "model", model, "version", 0, "samples", 0), scientist, "1 or more");
        assertEquals(before, new JobsApi(as(scientist)).listJobs("bundle", 500, null, null).getItems().size());
    }

    private void assertRefused(Map<String, Object> spec, Users.Login who, String says) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/jobs"))
                .header("Authorization", who.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(spec))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(says), response.body());
    }

    private static int register(Users.Login who, String model, Map<String, byte[]> files, double accuracy, double lr)
            throws Exception {
        Runs pipeline = new Runs(as(who));
        String run = pipeline.commit(pipeline.manifest("bundle-it", files)
                .lineage(new Lineage().datasetName("fashion-mnist"))
                .putParamsItem("learningRate", lr).putMetricsItem("val_accuracy", accuracy)).getId();
        return new ModelsApi(as(who)).createModelVersion(model, new NewModelVersion().runId(run)
                .path("exports/model.onnx")).getVersion();
    }

    private static void promote(Users.Login asker, Users.Login approver, String model, int version) throws Exception {
        PromotionsApi asked = new PromotionsApi(as(asker));
        asked.requestPromotion(new PromotionAsk().model(model).version(version).targetStage("validated").reason("checked"));
        String request = asked.requestPromotion(new PromotionAsk().model(model).version(version)
                .targetStage("production").reason("ship it")).getId();
        new PromotionsApi(as(approver)).approvePromotion(request);
    }

    /** The bundle job the approval submitted (as the approver), waited for, and its run. */
    private static Run bundleOf(Users.Login approver, String model, int version) throws Exception {
        JobsApi jobs = new JobsApi(as(approver));
        Job submitted = jobs.listJobs("bundle", 100, null, approver.username()).getItems().stream()
                .filter(j -> model.equals(j.getSpec().get("model")) && ((Number) j.getSpec().get("version")).intValue() == version)
                .findFirst().orElseThrow(() -> new AssertionError("no bundle job for " + model + " " + version));
        Job done = JobWaits.finished(jobs, submitted.getId());
        assertEquals("completed", done.getState(), done.getFailure() + "\n" + jobs.getJobLog(done.getId(), false));
        assertFalse(done.getRunId() == null);
        return new RunsApi(as(approver)).getRun(done.getRunId());
    }

    private static JsonNode json(RunsApi runs, Run run, String path) throws Exception {
        return JSON.readTree(runs.getRunFile(run.getId(), path, null));
    }

    private static String text(RunsApi runs, Run run, String path) throws Exception {
        return Files.readString(runs.getRunFile(run.getId(), path, null).toPath());
    }

    private static float[] run(byte[] onnx, float[] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 1, 28, 28});
             OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            return ((float[][]) result.get(0).getValue())[0];
        }
    }

    private static String b2(byte[] bytes) throws Exception {
        return Blobs.b2sum(bytes);
    }

    private static ApiClient as(Users.Login login) {
        return Clients.as(SERVER, login.authorization());
    }
}
