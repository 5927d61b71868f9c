package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Augmentation;
import io.runvault.client.model.Job;
import io.runvault.client.model.ModelVersion;
import io.runvault.client.model.NewModel;
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
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Training jobs through the packaged server: real DJL training on a small seeded subset of Fashion-MNIST. */
class JobIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final ApiClient admin = Clients.admin(SERVER);
    private final JobsApi jobs = new JobsApi(admin);

    private static TrainJobSpec tiny(int epochs) {
        return new TrainJobSpec().dataset("fashion-mnist").experiment("job-it").architecture("minicnn")
                .epochs(epochs).batchSize(32).trainSamples(400).testSamples(200).seed(7L);
    }

    private Job await(String id, Predicate<Job> done) throws Exception {
        return JobWaits.until(jobs, id, done);
    }

    @Test
    void aTrainingJobCommitsARunWithTheWholeSuiteAndRegistersAVersion() throws Exception {
        String model = "job-it-" + System.nanoTime();
        new ModelsApi(admin).createModel(new NewModel().name(model).description("from a training job"));
        Job submitted = jobs.submitJob(tiny(2).model(model).augmentation(new Augmentation().flip(true).translate(2)));
        assertEquals("train", submitted.getKind());
        Job done = await(submitted.getId(), JobWaits::isFinished);
        assertEquals("completed", done.getState(), done.getFailure());
        assertEquals(100.0, done.getProgress().getPercent());
        assertEquals(2, done.getProgress().getEpoch());

        RunsApi runs = new RunsApi(admin);
        Run run = runs.getRun(done.getRunId());
        assertTrue(run.getName().matches("\\d{8}_fashion-mnist_minicnn_[0-9a-f]{6}"), run.getName());
        List<String> paths = run.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(paths.containsAll(List.of("figures/confusion_matrix.png", "figures/training_curves.png",
                "figures/training_curves.npz", "figures/sample_grid.png", "reports/training_summary.xlsx",
                "reports/classification_report.txt", "reports/config_snapshot.yaml", "reports/environment.txt",
                "reports/summary.json", "metrics/val_metrics.csv", "metrics/val_metrics.json",
                "metrics/train_history.json", "metrics/val_predictions.csv", "checkpoints/best_minicnn.params",
                "exports/model.onnx", "exports/parity.json", "logs/run.log")), paths.toString());
        assertEquals(2, run.getSeries().get("val_auc").size(), "every epoch once");
        assertTrue(run.getMetrics().containsKey("test_accuracy"));
        assertEquals("fashion-mnist", run.getLineage().getDatasetName());

        // Every figure decodes, at the size its writer promises.
        assertSize(runs, run, "figures/confusion_matrix.png", 1000, 900);
        assertSize(runs, run, "figures/training_curves.png", 1400, 560);
        assertSize(runs, run, "figures/sample_grid.png", 900, 60 + 3 * 280);

        // The curves archive is read by numpy itself.
        File npz = runs.getRunFile(run.getId(), "figures/training_curves.npz", null);
        String numpy = python("import numpy, sys\n"
                + "d = numpy.load(sys.argv[1])\n"
                + "print(sorted(d.files)); print(d['epoch'].astype(int).tolist()); print(d['val_auc'].shape)\n", npz.toPath());
        assertTrue(numpy.contains("'epoch'") && numpy.contains("'val_auc'") && numpy.contains("'train_loss'"), numpy);
        assertTrue(numpy.contains("[1, 2]") && numpy.contains("(2,)"), numpy);

        File xlsx = runs.getRunFile(run.getId(), "reports/training_summary.xlsx", null);
        try (XSSFWorkbook book = new XSSFWorkbook(xlsx)) {
            assertEquals(List.of("summary", "epochs", "per_class", "confusion_matrix", "val_predictions"),
                    List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2), book.getSheetName(3),
                            book.getSheetName(4)));
            assertEquals(40 + 1, book.getSheet("val_predictions").getPhysicalNumberOfRows(),
                    "one row per validation image (10% of 400) under the header");
            // summary rows: section, key, value.
            var summary = book.getSheet("summary");
            assertEquals("hyperparameters", summary.getRow(rowOf(summary, "architecture")).getCell(0).getStringCellValue());
            assertEquals("minicnn", summary.getRow(rowOf(summary, "architecture")).getCell(2).getStringCellValue());
            assertEquals(run.getMetrics().get("val_accuracy"),
                    summary.getRow(rowOf(summary, "val_accuracy")).getCell(2).getNumericCellValue(), 1e-12);
            assertEquals(2.0, summary.getRow(rowOf(summary, "epochs")).getCell(2).getNumericCellValue());
            assertEquals(3, book.getSheet("epochs").getPhysicalNumberOfRows(), "a header and two epochs");
            var perClass = book.getSheet("per_class");
            assertEquals("T-shirt/top", perClass.getRow(1).getCell(0).getStringCellValue());
            assertEquals("Ankle boot", perClass.getRow(10).getCell(0).getStringCellValue());
        }

        String metricsCsv = Files.readString(runs.getRunFile(run.getId(), "metrics/val_metrics.csv", null).toPath());
        assertTrue(metricsCsv.startsWith("metric,value"), metricsCsv);
        for (String metric : List.of("accuracy", "balanced_accuracy", "macro_f1", "auc_ovr", "kappa_quadratic",
                "log_loss", "ece")) {
            assertTrue(metricsCsv.contains("\n" + metric + ","), metric + " in " + metricsCsv);
        }
        assertTrue(metricsCsv.contains("\naccuracy," + run.getMetrics().get("val_accuracy")), metricsCsv);
        List<String> predictions = Files.readAllLines(
                runs.getRunFile(run.getId(), "metrics/val_predictions.csv", null).toPath());
        assertEquals(41, predictions.size());
        assertTrue(predictions.get(0).startsWith("sample,true_label,predicted_label,correct,prob_T-shirt/top,prob_Trouser"),
                predictions.get(0));

        String config = Files.readString(runs.getRunFile(run.getId(), "reports/config_snapshot.yaml", null).toPath());
        assertTrue(config.contains("architecture: \"minicnn\"") || config.contains("architecture: minicnn"), config);
        assertProvenance(Files.readString(runs.getRunFile(run.getId(), "reports/environment.txt", null).toPath()));
        assertTrue(jobs.getJobLog(done.getId(), false).contains("committed run " + run.getId()));
        assertTrue(jobs.getJobLog(done.getId(), true).contains("committed run " + run.getId()),
                "following a finished job's log returns the whole log and ends");

        List<ModelVersion> versions = new ModelsApi(admin).getModel(model).getVersions();
        assertEquals(1, versions.size());
        assertEquals(run.getId(), versions.get(0).getRunId());
        assertEquals("exports/model.onnx", versions.get(0).getPath(), "the ONNX export is the model file");
        assertEquals("raw", versions.get(0).getStage());
        assertTrue(jobs.getJobLog(done.getId(), false).contains("registered as " + model + " version 1 (raw)"));
    }

    /**
     * The run names the full commit the appliance was built from and whether that tree was clean. It is
     * compared with the git.properties inside the jar under test (HEAD may have moved since the build)
     * and must be a commit of this checkout.
     */
    private static void assertProvenance(String environment) throws Exception {
        Properties built = builtGitProperties();
        String commit = built.getProperty("git.commit.id.full", "");
        assertTrue(commit.matches("[0-9a-f]{40}"), "the jar records the full commit: " + built);
        assertTrue(environment.contains("\nappliance: "), environment);
        String appliance = environment.lines().filter(l -> l.startsWith("appliance: ")).findFirst().orElseThrow();
        assertTrue(appliance.endsWith(" (" + commit + ")"), appliance);
        String dirty = environment.lines().filter(l -> l.startsWith("appliance_dirty: ")).findFirst().orElseThrow();
        assertEquals("appliance_dirty: " + built.getProperty("git.dirty"), dirty);
        Process git = new ProcessBuilder("git", "cat-file", "-e", commit + "^{commit}").inheritIO().start();
        assertEquals(0, git.waitFor(), commit + " is a commit of this checkout");
    }

    private static Properties builtGitProperties() throws Exception {
        Path jar = Path.of(System.getProperty("runvault.jar", "target/runvault.jar"));
        try (ZipFile outer = new ZipFile(jar.toFile())) {
            ZipEntry war = outer.stream().filter(e -> e.getName().endsWith("/apps/runvault.war")).findFirst().orElseThrow();
            try (ZipInputStream inner = new ZipInputStream(outer.getInputStream(war))) {
                for (ZipEntry entry; (entry = inner.getNextEntry()) != null; ) {
                    if (entry.getName().equals("WEB-INF/classes/git.properties")) {
                        Properties properties = new Properties();
                        properties.load(inner);
                        return properties;
                    }
                }
            }
        }
        throw new AssertionError("no git.properties in " + jar);
    }

    private static int rowOf(org.apache.poi.ss.usermodel.Sheet sheet, String key) {
        for (Row row : sheet) {
            if (row.getCell(1) != null && key.equals(new DataFormatter().formatCellValue(row.getCell(1)))) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no row " + key);
    }

    private static void assertSize(RunsApi runs, Run run, String path, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(runs.getRunFile(run.getId(), path, null));
        assertEquals(width, image.getWidth(), path);
        assertEquals(height, image.getHeight(), path);
    }

    /** Runs a script with Debian's python3 (numpy from python3-numpy) and returns what it printed. */
    private static String python(String script, java.nio.file.Path argument) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, argument.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void theSameSpecAndSeedGiveTheSameMetricsOnCpu() throws Exception {
        Job first = await(jobs.submitJob(tiny(1)).getId(), JobWaits::isFinished);
        Job second = await(jobs.submitJob(tiny(1)).getId(), JobWaits::isFinished);
        RunsApi runs = new RunsApi(admin);
        var a = runs.getRun(first.getRunId()).getMetrics();
        var b = runs.getRun(second.getRunId()).getMetrics();
        for (String metric : List.of("val_auc", "val_accuracy", "val_loss", "test_accuracy", "train_loss")) {
            assertEquals(a.get(metric), b.get(metric), metric);
        }
    }

    @Test
    void stopThenRestartResumesAtTheNextEpochAndListsEveryEpochOnce() throws Exception {
        String id = jobs.submitJob(tiny(3).trainSamples(1500)).getId();
        await(id, job -> job.getCheckpointEpoch() != null && job.getCheckpointEpoch() >= 1 || JobWaits.isFinished(job));
        jobs.stopJob(id);
        Job stopped = await(id, JobWaits::isFinished);
        if (stopped.getState().equals("completed")) {
            return; // finished before the stop arrived: nothing to resume (the machine was fast)
        }
        assertEquals("stopped", stopped.getState(), stopped.getFailure());
        int resumedAfter = stopped.getCheckpointEpoch();
        jobs.restartJob(id);
        Job done = await(id, JobWaits::isFinished);
        assertEquals("completed", done.getState(), done.getFailure());
        assertTrue(jobs.getJobLog(id, false).contains("resuming after epoch " + resumedAfter));
        Run run = new RunsApi(admin).getRun(done.getRunId());
        assertEquals(3, run.getSeries().get("val_auc").size(), "every epoch once");
    }

    @Test
    void badSpecsAreRefusedAtSubmitAndCreateNoJob() throws Exception {
        int before = jobs.listJobs(null, 500, null, null).getItems().size();
        HttpClient http = HttpClient.newHttpClient();
        for (String body : List.of(
                "{\"dataset\":\"fashion-mnist\",\"architecture\":\"vit\"}",
                "{\"dataset\":\"no-such-data\"}",
                "{\"dataset\":\"fashion-mnist\",\"epochs\":-1}",
                "{\"dataset\":\"fashion-mnist\",\"trainSamples\":100,\"batchSize\":500}",
                "{\"dataset\":\"fashion-mnist\",\"optimizer\":\"lion\"}",
                "{\"dataset\":\"fashion-mnist\",\"model\":\"no-such-model\"}",
                "{\"dataset\":\"fashion-mnist\",\"colour\":\"blue\"}",
                "{\"dataset\":\"fashion-mnist\",\"augmentation\":{\"zoom\":2}}",
                "{\"dataset\":\"fashion-mnist\",\"epochs\":\"ten\"}",
                "{\"dataset\":",
                "[1,2]")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/jobs"))
                    .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        assertEquals(before, jobs.listJobs(null, 500, null, null).getItems().size());
        ApiException unknown = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> jobs.getJob("nope"));
        assertEquals(404, unknown.getCode());
    }
}
