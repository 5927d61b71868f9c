package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiClient;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.EvaluateJobSpec;
import io.runvault.client.model.Job;
import io.runvault.client.model.Run;
import io.runvault.client.model.TrainJobSpec;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Evaluation jobs: a trained run through both engines, a model pushed from PyTorch, models that do
 * not fit; robustness on corrupted copies; a comparison of two runs that differ only by seed.
 */
class EvaluateIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUITE = List.of("metrics/test_summary.csv", "metrics/confusion_matrix.csv",
            "metrics/test_predictions.csv", "metrics/test_metrics.json", "figures/confusion_matrix.png",
            "figures/prediction_grid.png", "reports/classification_report.txt", "reports/evaluation_summary.xlsx",
            "reports/config_snapshot.yaml", "reports/environment.txt", "logs/run.log");

    private final ApiClient admin = Clients.admin(SERVER);
    private final JobsApi jobs = new JobsApi(admin);
    private final RunsApi runs = new RunsApi(admin);
    private final HttpClient http = HttpClient.newHttpClient();

    /** Tiny trained runs by seed, shared by the tests of this class (they differ only by seed). */
    private static final Map<Long, String> TRAINED = new java.util.concurrent.ConcurrentHashMap<>();

    private synchronized String trained(long seed) throws Exception {
        String known = TRAINED.get(seed);
        if (known != null) {
            return known;
        }
        Job job = await(jobs.submitJob(new TrainJobSpec().dataset("fashion-mnist").experiment("evaluate-it")
                .architecture("mlp").epochs(1).batchSize(32).trainSamples(300).testSamples(50).seed(seed)).getId());
        assertEquals("completed", job.getState(), job.getFailure());
        TRAINED.put(seed, job.getRunId());
        return job.getRunId();
    }

    @Test
    void aTrainedRunEvaluatesTheSameThroughOnnxAndDjl() throws Exception {
        String model = trained(5);

        // Through the generated client: its EvaluateJobSpec sends kind "evaluate" by itself.
        Job onnx = await(jobs.submitJob(new EvaluateJobSpec().run(model).dataset("fashion-mnist").samples(200)
                .engine("onnx").experiment("evaluate-it").seed(1L)).getId());
        Job djl = await(submit(evaluate(model, "djl", 200)));
        assertEquals("completed", onnx.getState(), onnx.getFailure() + "\n" + jobs.getJobLog(onnx.getId(), false));
        assertEquals("completed", djl.getState(), djl.getFailure() + "\n" + jobs.getJobLog(djl.getId(), false));
        Run byOnnx = runs.getRun(onnx.getRunId());
        Run byDjl = runs.getRun(djl.getRunId());
        for (Run run : List.of(byOnnx, byDjl)) {
            assertSuite(run);
            assertEquals(List.of(model), run.getLineage().getParents());
            assertEquals("fashion-mnist", run.getLineage().getDatasetName());
            assertEquals("evaluate", run.getTags().get("kind"));
            assertEquals(model, run.getTags().get("model_run"));
            assertEquals("evaluate-it", run.getExperiment());
            String predictions = read(run, "metrics/test_predictions.csv");
            assertEquals(201, predictions.lines().count(), "a header and one row per image");
        }
        assertEquals("onnx", byOnnx.getTags().get("engine"));
        assertEquals("djl", byDjl.getTags().get("engine"));
        double a = byOnnx.getMetrics().get("test_accuracy");
        assertEquals(a, byDjl.getMetrics().get("test_accuracy"), 1e-6, "the same model through two engines");
        assertTrue(a > 0.3, "one epoch of training beats chance: " + a);

        File workbook = runs.getRunFile(byOnnx.getId(), "reports/evaluation_summary.xlsx", null);
        try (XSSFWorkbook wb = new XSSFWorkbook(workbook)) {
            assertEquals("summary", wb.getSheetName(0));
            assertEquals("per_class", wb.getSheetName(1));
            assertEquals("confusion_matrix", wb.getSheetName(2));
            assertEquals(10, wb.getSheet("per_class").getLastRowNum(), "ten classes under a header (rows 1-10)");
        }
    }

    @Test
    void anOnnxModelExportedByPyTorchIsEvaluated() throws Exception {
        Assumptions.assumeTrue(torchAvailable(), "Debian's python3-torch is not installed");
        Path dir = Files.createTempDirectory("evaluate-it");
        try {
            Path onnx = dir.resolve("model.onnx");
            Process p = new ProcessBuilder("/usr/bin/python3", "tests/python/make_onnx.py", onnx.toString(), "--seed", "3")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            String pushed = push(Files.readAllBytes(onnx));

            Job job = await(submit(Map.of("kind", "evaluate", "run", pushed, "dataset", "fashion-mnist",
                    "split", "test", "samples", 200, "experiment", "evaluate-it-imported")));
            assertEquals("completed", job.getState(), job.getFailure() + "\n" + jobs.getJobLog(job.getId(), false));
            Run run = runs.getRun(job.getRunId());
            assertSuite(run);
            assertEquals(List.of(pushed), run.getLineage().getParents());
            assertEquals("onnx", run.getTags().get("engine"));
            assertEquals("model/model.onnx", run.getParams().get("modelFile"));
            assertTrue(jobs.getJobLog(job.getId(), false).contains("model/model.onnx"));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void modelsThatDoNotFitFailTheJobAndTheServerCarriesOn() throws Exception {
        String wrongShape = push(colourModel());
        Job shape = await(submit(evaluate(wrongShape, "auto", 50)));
        assertEquals("failed", shape.getState());
        assertTrue(shape.getFailure().contains("[?, 3, 32, 32]") && shape.getFailure().contains("1, 28, 28"),
                shape.getFailure());
        assertTrue(jobs.getJobLog(shape.getId(), false).contains("failed: "), "the log says why");

        byte[] whole = colourModel();
        String truncated = push(Arrays.copyOf(whole, whole.length / 2));
        Job broken = await(submit(evaluate(truncated, "onnx", 50)));
        assertEquals("failed", broken.getState());
        assertTrue(broken.getFailure().contains("cannot load the model"), broken.getFailure());

        String unsupported = push(unsupportedOperatorModel());
        Job unknownOp = await(submit(evaluate(unsupported, "onnx", 50)));
        assertEquals("failed", unknownOp.getState());
        assertTrue(unknownOp.getFailure().contains("Frobnicate"), "the reason names the operator: " + unknownOp.getFailure());

        String noSuchRun = "blake2b:" + "0".repeat(64);
        HttpResponse<String> refused = post(JSON.writeValueAsString(evaluate(noSuchRun, "auto", 50)));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(refused.body().contains("is not known"), refused.body());

        HttpResponse<String> everything = post("{\"kind\":\"evaluate\",\"run\":\"" + noSuchRun
                + "\",\"dataset\":\"no-such-data\",\"split\":\"holdout\",\"colour\":1}");
        assertEquals(400, everything.statusCode(), everything.body());
        JsonNode errors = JSON.readTree(everything.body()).path("errors");
        assertEquals(4, errors.size(), everything.body());

        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
    }

    @Test
    void robustnessScoresCorruptedCopiesAndCommitsTheSuite() throws Exception {
        String model = trained(5);
        Job job = await(submit(Map.of("kind", "robustness", "run", model, "dataset", "fashion-mnist", "samples", 100,
                "corruptions", List.of("gaussian_noise", "rotation"), "severities", List.of(1, 3), "seed", 2,
                "experiment", "robustness-it")));
        assertEquals("completed", job.getState(), job.getFailure() + "\n" + jobs.getJobLog(job.getId(), false));
        Run run = runs.getRun(job.getRunId());
        List<String> paths = run.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(paths.containsAll(List.of("figures/robustness_accuracy.png", "figures/robustness_errors.png",
                "figures/corruptions/gaussian_noise.png", "figures/corruptions/rotation.png", "reports/robustness.xlsx",
                "metrics/robustness_metrics.csv", "metrics/robustness_metrics.json", "reports/config_snapshot.yaml",
                "logs/run.log")), paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.contains("jpeg")), "only the corruptions asked for");
        assertEquals(List.of(model), run.getLineage().getParents());
        assertEquals("robustness", run.getTags().get("kind"));
        for (String metric : List.of("clean_accuracy", "accuracy_gaussian_noise_s1", "accuracy_gaussian_noise_s3",
                "accuracy_rotation_s1", "accuracy_rotation_s3")) {
            assertTrue(run.getMetrics().containsKey(metric), metric + " in " + run.getMetrics().keySet());
        }
        assertEquals(6, read(run, "metrics/robustness_metrics.csv").lines().count(), "a header, clean, 2 x 2 corrupted");
        assertSuitePngs(run);

        HttpResponse<String> refused = post(JSON.writeValueAsString(Map.of("kind", "robustness", "run", model,
                "dataset", "fashion-mnist", "corruptions", List.of("fog"), "severities", List.of(7))));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(2, JSON.readTree(refused.body()).path("errors").size(), refused.body());
    }

    @Test
    void compareScoresRunsOnTheSameImagesAndGroupsThemBySeed() throws Exception {
        String first = trained(5);
        String second = trained(6);
        Job job = await(submit(Map.of("kind", "compare", "runs", List.of(first, second), "dataset", "fashion-mnist",
                "samples", 100, "seed", 4, "experiment", "compare-it")));
        assertEquals("completed", job.getState(), job.getFailure() + "\n" + jobs.getJobLog(job.getId(), false));
        Run run = runs.getRun(job.getRunId());
        List<String> paths = run.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(paths.containsAll(List.of("figures/model_metrics.png", "reports/comparison.xlsx",
                "metrics/comparison.json", "reports/config_snapshot.yaml", "logs/run.log")), paths.toString());
        assertEquals(List.of(first, second), run.getLineage().getParents());
        assertEquals("compare", run.getTags().get("kind"));
        JsonNode comparison = JSON.readTree(read(run, "metrics/comparison.json"));
        assertEquals(100, comparison.path("test_samples").asInt());
        assertEquals(2, comparison.path("models").size());
        assertEquals(1, comparison.path("pairs").size());
        assertEquals(1, comparison.path("seed_groups").size(), "the two runs differ only by seed");
        assertEquals(2, comparison.path("seed_groups").get(0).path("runs").size());
        assertTrue(run.getMetrics().containsKey("test_accuracy_1") && run.getMetrics().containsKey("test_accuracy_2"));
        assertSuitePngs(run);

        HttpResponse<String> one = post(JSON.writeValueAsString(Map.of("kind", "compare", "runs", List.of(first),
                "dataset", "fashion-mnist")));
        assertEquals(400, one.statusCode(), one.body());
    }

    private static Map<String, Object> evaluate(String run, String engine, int samples) {
        return Map.of("kind", "evaluate", "run", run, "dataset", "fashion-mnist", "samples", samples,
                "engine", engine, "experiment", "evaluate-it", "seed", 1);
    }

    private String submit(Map<String, Object> spec) throws Exception {
        HttpResponse<String> response = post(JSON.writeValueAsString(spec));
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("id").asText();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/jobs"))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Job await(String id) throws Exception {
        return JobWaits.finished(jobs, id);
    }

    /** Pushes a run holding one ONNX file, the way a client registers a model trained elsewhere. */
    private String push(byte[] onnx) throws Exception {
        Runs push = new Runs(admin);
        return push.commit(push.manifest("evaluate-it-pushed", Map.of("model/model.onnx", onnx))).getId();
    }

    private void assertSuite(Run run) throws Exception {
        List<String> paths = run.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(paths.containsAll(SUITE), paths.toString());
        assertSuitePngs(run);
    }

    /** Every PNG of the run decodes to a real figure. */
    private void assertSuitePngs(Run run) throws Exception {
        List<String> paths = run.getFiles().stream().map(f -> f.getPath()).toList();
        for (String png : paths.stream().filter(p -> p.endsWith(".png")).toList()) {
            BufferedImage image = ImageIO.read(runs.getRunFile(run.getId(), png, null));
            assertNotNull(image, png + " decodes");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png);
        }
    }

    private String read(Run run, String path) throws Exception {
        return Files.readString(runs.getRunFile(run.getId(), path, null).toPath());
    }

    private static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** A valid ONNX classifier for 3 x 32 x 32 images: global average pool, a 3 x 10 matrix, softmax. */
    private static byte[] colourModel() {
        TensorProto.Builder weights = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(3).addDims(10);
        for (int i = 0; i < 30; i++) {
            weights.addFloatData((i % 7) * 0.1f);
        }
        GraphProto graph = GraphProto.newBuilder().setName("colour")
                .addNode(NodeProto.newBuilder().setOpType("GlobalAveragePool").addInput("x").addOutput("pooled"))
                .addNode(NodeProto.newBuilder().setOpType("Flatten").addInput("pooled").addOutput("flat"))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("flat").addInput("w").addOutput("logits"))
                .addNode(NodeProto.newBuilder().setOpType("Softmax").addInput("logits").addOutput("y"))
                .addInitializer(weights)
                .addInput(tensor("x", -1, 3, 32, 32))
                .addOutput(tensor("y", -1, 10))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("evaluate-it")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    /** A model for 1 x 28 x 28 images whose only node is an operator no runtime knows. */
    private static byte[] unsupportedOperatorModel() {
        GraphProto graph = GraphProto.newBuilder().setName("unsupported")
                .addNode(NodeProto.newBuilder().setOpType("Frobnicate").setDomain("com.example").addInput("x").addOutput("y"))
                .addInput(tensor("x", -1, 1, 28, 28))
                .addOutput(tensor("y", -1, 10))
                .build();
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("evaluate-it")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1))
                .setGraph(graph).build().toByteArray();
    }

    static ValueInfoProto tensor(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
