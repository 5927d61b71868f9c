package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Job;
import io.runvault.client.model.Run;
import io.runvault.client.model.RunExport;
import io.runvault.client.model.RunManifest;
import io.runvault.client.model.TrainJobSpec;
import java.io.File;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maintenance export of a run trained before ONNX export: a new run with exports/, the old one its parent. */
class RunExportIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final ApiClient admin = Clients.admin(SERVER);
    private final RunsApi runs = new RunsApi(admin);

    @Test
    void aTrainedRunIsExportedOnceIntoANewChildRun() throws Exception {
        JobsApi jobs = new JobsApi(admin);
        Job job = JobWaits.finished(jobs, jobs.submitJob(new TrainJobSpec().dataset("fashion-mnist").experiment("export-it")
                .architecture("minicnn").epochs(1).batchSize(32).trainSamples(300).testSamples(50).seed(3L)).getId());
        assertEquals("completed", job.getState(), job.getFailure());
        // Training runs carry their export now; a run from before the feature is the same run without exports/.
        Run trained = runs.getRun(job.getRunId());
        assertTrue(trained.getFiles().stream().anyMatch(f -> f.getPath().equals("exports/model.onnx")));
        RunManifest legacy = new RunManifest().experiment(trained.getExperiment()).createdAt(trained.getCreatedAt())
                .params(trained.getParams()).metrics(trained.getMetrics()).series(trained.getSeries())
                .tags(trained.getTags()).lineage(trained.getLineage())
                .files(trained.getFiles().stream().filter(f -> !f.getPath().startsWith("exports/")).toList());
        String source = runs.commitRun(legacy).getId();

        RunExport export = runs.exportRun(source);
        assertEquals(source, export.getParent());
        assertTrue(export.getParity().getPassed(), export.getParity().toString());
        assertTrue(export.getParity().getMaxAbsDiff() <= 1e-4);
        assertEquals(1.0, export.getParity().getArgmaxAgreement());
        assertEquals(30, export.getParity().getSamples()); // 10% of 300, stratified
        assertEquals(17, export.getParity().getOnnxOpset());

        Run exported = runs.getRun(export.getRun().getId());
        assertEquals(List.of(source), exported.getLineage().getParents());
        Run original = runs.getRun(source);
        List<String> paths = exported.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(paths.containsAll(original.getFiles().stream().map(f -> f.getPath()).toList()));
        assertTrue(paths.containsAll(List.of("exports/model.onnx", "exports/parity.json")), paths.toString());
        assertEquals(original.getMetrics(), exported.getMetrics());

        // The file the registry serves runs in ONNX Runtime here too, with the documented interface.
        File model = runs.getRunFile(exported.getId(), "exports/model.onnx", null);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(Files.readAllBytes(model.toPath()), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.allocate(3 * 28 * 28), new long[] {3, 1, 28, 28});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            assertEquals(3 * 10, ((OnnxTensor) result.get("probabilities").orElseThrow()).getFloatBuffer().remaining());
            assertEquals(source, session.getMetadata().getCustomMetadata().get("run_id"));
        }
        String parity = Files.readString(runs.getRunFile(exported.getId(), "exports/parity.json", null).toPath());
        assertTrue(parity.contains("\"max_abs_diff\"") && parity.contains("\"ort_version\""), parity);

        // Exporting again gives the same run; the exported run itself is refused.
        assertEquals(exported.getId(), runs.exportRun(source).getRun().getId());
        ApiException again = assertThrows(ApiException.class, () -> runs.exportRun(exported.getId()));
        assertEquals(409, again.getCode());
        assertTrue(again.getResponseBody().contains("already-exported"), again.getResponseBody());
    }

    @Test
    void runsWithoutCheckpointOrConfigAreRefused() throws Exception {
        Runs push = new Runs(admin);
        String pushed = push.commit(push.manifest("export-it-pushed", Runs.suite(41))).getId();
        ApiException noConfig = assertThrows(ApiException.class, () -> runs.exportRun(pushed));
        assertEquals(422, noConfig.getCode());
        assertTrue(noConfig.getResponseBody().contains("no-config-snapshot"), noConfig.getResponseBody());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("reports/config_snapshot.yaml", ("kind: train\ndataset: fashion-mnist\narchitecture: mlp\n"
                + "trainSamples: 200\n").getBytes(StandardCharsets.UTF_8));
        String configOnly = push.commit(push.manifest("export-it-pushed", files)).getId();
        ApiException noCheckpoint = assertThrows(ApiException.class, () -> runs.exportRun(configOnly));
        assertEquals(422, noCheckpoint.getCode());
        assertTrue(noCheckpoint.getResponseBody().contains("no-checkpoint"), noCheckpoint.getResponseBody());

        files.put("checkpoints/best.params", "not DJL parameters".getBytes(StandardCharsets.UTF_8));
        String garbage = push.commit(push.manifest("export-it-pushed", files)).getId();
        ApiException mismatch = assertThrows(ApiException.class, () -> runs.exportRun(garbage));
        assertEquals(422, mismatch.getCode());
        assertTrue(mismatch.getResponseBody().contains("checkpoint-mismatch"), mismatch.getResponseBody());
        assertTrue(mismatch.getResponseBody().startsWith("{\"type\":\"/problems/"), mismatch.getResponseBody());
    }
}
