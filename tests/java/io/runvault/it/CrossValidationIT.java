package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiClient;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Job;
import io.runvault.client.model.Run;
import io.runvault.client.model.CrossValidationJobSpec;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Cross-validation jobs through the packaged server: real DJL training of each fold on a small Fashion-MNIST pool. */
class CrossValidationIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final ApiClient admin = Clients.admin(SERVER);
    private final JobsApi jobs = new JobsApi(admin);
    private final RunsApi runs = new RunsApi(admin);

    private static CrossValidationJobSpec tiny() {
        return new CrossValidationJobSpec().kind("cross-validate").dataset("fashion-mnist").experiment("cv-it")
                .architecture("mlp").epochs(1).batchSize(32).trainSamples(300).testSamples(100).seed(11L)
                .folds(3).concurrency(2);
    }

    private Job await(String id, Predicate<Job> done) throws Exception {
        return JobWaits.until(jobs, id, done);
    }

    @Test
    void aCrossValidationCommitsAFoldRunPerFoldAndAParentWithTheSplitsAndTheSummary() throws Exception {
        Job submitted = jobs.submitJob(tiny());
        assertEquals("cross-validate", submitted.getKind());
        assertEquals(3, submitted.getProgress().getTotalEpochs(), "folds x epochs");
        Job done = await(submitted.getId(), JobWaits::isFinished);
        assertEquals("completed", done.getState(), done.getFailure());
        assertEquals(100.0, done.getProgress().getPercent());
        String log = jobs.getJobLog(done.getId(), false);
        for (int k = 1; k <= 3; k++) {
            assertTrue(log.contains("fold " + k + ": epoch 1/1 "), log);
        }

        Run parent = runs.getRun(done.getRunId());
        assertEquals("cross-validate", parent.getTags().get("kind"));
        List<String> paths = parent.getFiles().stream().map(f -> f.getPath()).toList();
        for (int k = 1; k <= 3; k++) {
            assertTrue(paths.contains("folds/fold_" + k + "/train.csv") && paths.contains("folds/fold_" + k + "/val.csv"), paths.toString());
        }
        assertTrue(paths.containsAll(List.of("reports/cv_summary.json", "reports/cv_summary.xlsx", "figures/cv_folds.png")),
                paths.toString());

        // Within a fold train and val are disjoint; over the folds every pooled sample validates exactly once.
        List<Integer> allVal = new ArrayList<>();
        Set<Integer> pool = null;
        for (int k = 1; k <= 3; k++) {
            List<Integer> train = indices(parent, "folds/fold_" + k + "/train.csv");
            List<Integer> val = indices(parent, "folds/fold_" + k + "/val.csv");
            Set<Integer> both = new HashSet<>(train);
            both.retainAll(val);
            assertTrue(both.isEmpty(), "fold " + k + " trains on its validation samples " + both);
            Set<Integer> union = new HashSet<>(train);
            union.addAll(val);
            assertEquals(train.size() + val.size(), union.size(), "no duplicates in fold " + k);
            if (pool == null) {
                pool = union;
            }
            assertEquals(pool, union, "every fold splits the same pool");
            allVal.addAll(val);
        }
        assertEquals(300, pool.size());
        assertEquals(pool.size(), allVal.size());
        assertEquals(pool, new HashSet<>(allVal));

        // Three child runs, tagged with their fold and the job; the summary's mean is their mean.
        List<String> children = parent.getLineage().getParents();
        assertEquals(3, children.size());
        TreeMap<String, Run> byFold = new TreeMap<>();
        for (String child : children) {
            Run run = runs.getRun(child);
            assertEquals(done.getId(), run.getTags().get("cv_parent"));
            byFold.put(run.getTags().get("fold"), run);
        }
        assertEquals(Set.of("1", "2", "3"), byFold.keySet());
        JsonNode summary = new ObjectMapper().readTree(runs.getRunFile(parent.getId(), "reports/cv_summary.json", null));
        for (String metric : List.of("val_accuracy", "val_auc", "val_loss", "test_accuracy")) {
            double[] values = byFold.values().stream().mapToDouble(r -> r.getMetrics().get(metric)).toArray();
            double mean = (values[0] + values[1] + values[2]) / 3;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            assertEquals(mean, summary.at("/metrics/" + metric + "/mean").asDouble(), 1e-12, metric);
            assertEquals(Math.sqrt(ss / 2), summary.at("/metrics/" + metric + "/std").asDouble(), 1e-12, metric + " sample std");
            assertEquals(mean, parent.getMetrics().get(metric), 1e-12, metric + " on the parent run");
        }
        for (JsonNode fold : summary.get("perFold")) {
            assertEquals(byFold.get(fold.get("fold").asText()).getId(), fold.get("runId").asText());
        }

        File xlsx = runs.getRunFile(parent.getId(), "reports/cv_summary.xlsx", null);
        try (XSSFWorkbook book = new XSSFWorkbook(xlsx)) {
            assertEquals("summary", book.getSheetName(0));
            assertEquals("folds", book.getSheetName(1));
            assertEquals(4, book.getSheet("folds").getPhysicalNumberOfRows(), "a header and three folds");
        }
        BufferedImage png = ImageIO.read(runs.getRunFile(parent.getId(), "figures/cv_folds.png", null));
        assertNotNull(png);
        assertEquals(1500, png.getWidth());
    }

    @Test
    void aRestartAfterAStopTrainsOnlyTheFoldsThatDidNotComplete() throws Exception {
        String id = jobs.submitJob(tiny().trainSamples(1500).epochs(3).concurrency(1)).getId();
        Pattern committed = Pattern.compile("fold 1: committed run (blake2b:[0-9a-f]{64})");
        String firstRun = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (firstRun == null && Instant.now().isBefore(deadline)) {
            Matcher m = committed.matcher(jobs.getJobLog(id, false));
            if (m.find()) {
                firstRun = m.group(1);
            } else {
                Thread.sleep(100);
            }
        }
        assertNotNull(firstRun, jobs.getJobLog(id, false));
        jobs.stopJob(id);
        Job stopped = await(id, JobWaits::isFinished);
        Assumptions.assumeFalse(stopped.getState().equals("completed"),
                "every fold finished before the stop arrived: nothing to restart");
        assertEquals("stopped", stopped.getState(), stopped.getFailure());

        jobs.restartJob(id);
        Job done = await(id, JobWaits::isFinished);
        assertEquals("completed", done.getState(), done.getFailure());
        String log = jobs.getJobLog(id, false);
        assertEquals(1, countOf(log, "fold 1: committed run"), "fold 1 was not trained again:\n" + log);
        assertTrue(log.contains("folds [1] already completed") || log.contains("already completed"), log);

        Run parent = runs.getRun(done.getRunId());
        assertEquals(3, parent.getLineage().getParents().size());
        assertEquals(firstRun, parent.getLineage().getParents().get(0), "fold 1 keeps its first child run");
        Set<String> folds = new HashSet<>();
        for (String child : parent.getLineage().getParents()) {
            folds.add(runs.getRun(child).getTags().get("fold"));
        }
        assertEquals(Set.of("1", "2", "3"), folds);
    }

    @Test
    void badSpecsAreRefusedWithEveryReasonAndCreateNoJob() throws Exception {
        int before = jobs.listJobs(null, 500, null, null).getItems().size();
        HttpClient http = HttpClient.newHttpClient();
        for (String body : List.of(
                "{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":1}",
                "{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":3,\"concurrency\":4}",
                "{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"colour\":\"blue\",\"epochs\":-1}",
                "{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"valFraction\":0.2}")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/jobs"))
                    .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            if (body.contains("colour")) {
                assertTrue(response.body().contains("unknown members [colour]") && response.body().contains("epochs"),
                        response.body());
            }
        }
        assertEquals(before, jobs.listJobs(null, 500, null, null).getItems().size());
    }

    private List<Integer> indices(Run run, String path) throws Exception {
        List<String> lines = Files.readAllLines(runs.getRunFile(run.getId(), path, null).toPath());
        assertEquals("index,label,class", lines.get(0), path);
        return lines.subList(1, lines.size()).stream().map(l -> Integer.parseInt(l.split(",")[0])).toList();
    }

    private static int countOf(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
