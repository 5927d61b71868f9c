package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiClient;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.PromotionsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.api.StudiesApi;
import io.runvault.client.model.Job;
import io.runvault.client.model.ModelVersion;
import io.runvault.client.model.NewModel;
import io.runvault.client.model.Run;
import io.runvault.client.model.Study;
import io.runvault.client.model.StudyTrial;
import io.runvault.client.model.TuneJobSpec;
import io.runvault.client.model.TuneObjective;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tuning jobs (studies) through the packaged server: real trials on a small subset of Fashion-MNIST. */
class TuningIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final ApiClient admin = Clients.admin(SERVER);
    private final JobsApi jobs = new JobsApi(admin);
    private final StudiesApi studies = new StudiesApi(admin);

    private static TuneJobSpec tiny() {
        return new TuneJobSpec().kind("tune").dataset("fashion-mnist").experiment("tuning-it").architecture("mlp")
                .trainSamples(300).testSamples(100).epochs(2).seed(11L).trials(4).concurrency(2).pruner("median")
                .objective(new TuneObjective().metric("val_auc").direction("maximize"))
                .searchSpace(Map.of(
                        "learningRate", Map.of("type", "float", "low", 1e-4, "high", 1e-1, "log", true),
                        "batchSize", Map.of("type", "categorical", "choices", List.of(16, 32))));
    }

    private Job await(String id, Predicate<Job> done) throws Exception {
        return JobWaits.until(jobs, id, done);
    }

    @Test
    void aStudyRunsItsTrialsCommitsTheStudyAndTheRetrainedBestAndProposesIt() throws Exception {
        String model = "tuning-it-" + System.nanoTime();
        new ModelsApi(admin).createModel(new NewModel().name(model).description("from a tuning job"));
        Job submitted = jobs.submitJob(tiny().model(model).studyName("lr-and-batch"));
        assertEquals("tune", submitted.getKind());
        assertEquals((4 + 1) * 2, submitted.getProgress().getTotalEpochs());
        Job done = await(submitted.getId(), JobWaits::isFinished);
        String log = jobs.getJobLog(done.getId(), false);
        assertEquals("completed", done.getState(), done.getFailure() + "\n" + log);
        assertEquals(100.0, done.getProgress().getPercent());

        Study study = studies.getStudy(done.getId());
        assertEquals("completed", study.getState());
        assertEquals("lr-and-batch", study.getName());
        assertEquals(4, study.getTrials().size());
        assertEquals(List.of(0, 1, 2, 3), study.getTrials().stream().map(StudyTrial::getNumber).toList());
        for (StudyTrial trial : study.getTrials()) {
            assertTrue(Set.of("COMPLETE", "PRUNED", "FAIL").contains(trial.getState()), trial.toString());
            assertTrue(log.contains("trial " + trial.getNumber() + ": "), log);
            double lr = ((Number) trial.getParams().get("learningRate")).doubleValue();
            assertTrue(lr >= 1e-4 && lr <= 1e-1, trial.toString());
            assertTrue(List.of(16, 32).contains(((Number) trial.getParams().get("batchSize")).intValue()), trial.toString());
            if (!trial.getState().equals("FAIL")) {
                assertTrue(trial.getIntermediateValues().containsKey("1"), trial.toString());
            }
        }
        StudyTrial best = study.getBest();
        assertNotNull(best);
        assertEquals("COMPLETE", best.getState());
        double bestValue = study.getTrials().stream().filter(t -> t.getState().equals("COMPLETE"))
                .mapToDouble(StudyTrial::getValue).max().orElseThrow();
        assertEquals(bestValue, best.getValue());

        RunsApi runs = new RunsApi(admin);
        Run studyRun = runs.getRun(study.getStudyRunId());
        List<String> paths = studyRun.getFiles().stream().map(f -> f.getPath()).toList();
        assertTrue(paths.containsAll(List.of("database/study.db", "reports/study_summary.json", "reports/best_config.yaml",
                "reports/top_10_trials.xlsx", "figures/optimization_history.png", "figures/param_importances.png",
                "figures/slice.png", "figures/parallel_coordinate.png", "figures/contour.png", "logs/run.log")),
                paths.toString());
        assertEquals("tune", studyRun.getTags().get("kind"));
        for (String figure : paths.stream().filter(p -> p.endsWith(".png")).toList()) {
            assertNotNull(javax.imageio.ImageIO.read(runs.getRunFile(studyRun.getId(), figure, null)), figure);
        }
        String summary = Files.readString(runs.getRunFile(studyRun.getId(), "reports/study_summary.json", null).toPath());
        assertTrue(summary.replaceAll("\\s", "").contains("\"best_trial\":{\"number\":" + best.getNumber()), summary);
        String bestConfig = Files.readString(runs.getRunFile(studyRun.getId(), "reports/best_config.yaml", null).toPath());
        assertTrue(bestConfig.contains("batchSize: " + ((Number) best.getParams().get("batchSize")).intValue()), bestConfig);

        // Optuna 3.1 (Debian's python3-optuna) opens the exported study as its own storage.
        java.nio.file.Path db = runs.getRunFile(studyRun.getId(), "database/study.db", null).toPath();
        Process optuna = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import optuna, sys",
                "optuna.logging.set_verbosity(optuna.logging.WARNING)",
                "s = optuna.load_study(study_name=sys.argv[2], storage='sqlite:///' + sys.argv[1])",
                "print(len(s.trials), s.best_trial.number, repr(s.best_value), sorted(t.state.name for t in s.trials))"),
                db.toString(), study.getName()).redirectErrorStream(true).start();
        String loaded = new String(optuna.getInputStream().readAllBytes()).strip();
        assertEquals(0, optuna.waitFor(), loaded);
        String[] seen = loaded.split(" ", 4);
        assertEquals("4", seen[0], loaded);
        assertEquals(String.valueOf(best.getNumber()), seen[1], loaded);
        assertEquals(best.getValue(), Double.parseDouble(seen[2]), 0.0, loaded);

        Run finalRun = runs.getRun(study.getFinalRunId());
        assertEquals(finalRun.getId(), done.getRunId());
        assertEquals(List.of(studyRun.getId()), finalRun.getLineage().getParents());
        assertEquals("tune", finalRun.getTags().get("kind"));
        assertEquals(String.valueOf(best.getNumber()), finalRun.getTags().get("trial"));
        assertEquals(300.0, ((Number) finalRun.getParams().get("trainSamples")).doubleValue());
        assertEquals(((Number) best.getParams().get("batchSize")).doubleValue(),
                ((Number) finalRun.getParams().get("batchSize")).doubleValue());

        List<ModelVersion> versions = new ModelsApi(admin).getModel(model).getVersions();
        assertEquals(1, versions.size());
        assertEquals(finalRun.getId(), versions.get(0).getRunId());
        assertTrue(log.contains("registered as " + model + " version 1 (raw)"), log);
        assertTrue(log.contains("promotion to validated requested"), log);
        assertEquals(1, new PromotionsApi(admin).listPromotions(model, null).stream()
                .filter(p -> p.getVersion() == 1 && p.getTargetStage().equals("validated")).count());
    }

    @Test
    void aStoppedStudyResumesWithoutRunningAFinishedTrialAgain() throws Exception {
        // Slower trials (a CNN on more images, one at a time), so the stop lands between trials' epochs.
        TuneJobSpec spec = tiny().architecture("minicnn").trainSamples(2000).concurrency(1).pruner("none");
        String id = jobs.submitJob(spec).getId();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline) && studies.getStudy(id).getTrials().stream()
                .noneMatch(t -> t.getState().equals("COMPLETE")) && !JobWaits.isFinished(jobs.getJob(id))) {
            Thread.sleep(200);
        }
        jobs.stopJob(id);
        Job stopped = await(id, JobWaits::isFinished);
        // Every trial may have finished before the stop arrived on a fast machine: then there is nothing to resume.
        org.junit.jupiter.api.Assumptions.assumeFalse(stopped.getState().equals("completed"), "finished before the stop");
        assertEquals("stopped", stopped.getState(), stopped.getFailure());
        Study before = studies.getStudy(id);
        assertEquals("stopped", before.getState());
        Map<Integer, StudyTrial> finishedBefore = before.getTrials().stream()
                .filter(t -> !t.getState().equals("RUNNING"))
                .collect(Collectors.toMap(StudyTrial::getNumber, t -> t));
        assertTrue(finishedBefore.values().stream().anyMatch(t -> t.getState().equals("COMPLETE")), before.toString());
        assertTrue(before.getTrials().stream().noneMatch(t -> t.getState().equals("RUNNING")), before.toString());

        assertTrue(jobs.getJobLog(id, false).contains("a restart continues the study"));

        jobs.restartJob(id);
        Job done = await(id, JobWaits::isFinished);
        assertEquals("completed", done.getState(), done.getFailure() + "\n" + jobs.getJobLog(id, false));
        Study after = studies.getStudy(id);
        assertEquals(List.of(0, 1, 2, 3), after.getTrials().stream().map(StudyTrial::getNumber).toList());
        for (StudyTrial earlier : finishedBefore.values()) {
            StudyTrial now = after.getTrials().get(earlier.getNumber());
            assertEquals(earlier.getState(), now.getState(), "trial " + earlier.getNumber());
            assertEquals(earlier.getParams(), now.getParams(), "trial " + earlier.getNumber());
            assertEquals(earlier.getValue(), now.getValue(), "trial " + earlier.getNumber());
            assertEquals(earlier.getFinishedAt(), now.getFinishedAt(), "trial " + earlier.getNumber() + " not run again");
        }
        assertNotNull(after.getFinalRunId());
    }

    @Test
    void hopelessTrialsArePrunedEarlyAndMarked() throws Exception {
        // Two learning rates, one too small to learn anything: every trial with the same rate trains the same
        // (one seed, on the CPU), so the median of the completed trials is a learning trial's value. With seed 30
        // the random sampler draws the learning rate for trials 0-4 (the median pruner's 5 startup trials) and
        // the hopeless one for trials 5 and 6, which fall below that median after their first epoch.
        int epochs = 4;
        TuneJobSpec spec = tiny().trainSamples(600).epochs(epochs).seed(30L).trials(7).concurrency(1).sampler("random")
                .pruner("median").device("cpu")
                .searchSpace(Map.of("learningRate", Map.of("type", "categorical", "choices", List.of(1e-6, 3e-3))));
        String id = jobs.submitJob(spec).getId();
        Job done = await(id, JobWaits::isFinished);
        String log = jobs.getJobLog(id, false);
        assertEquals("completed", done.getState(), done.getFailure() + "\n" + log);

        Study study = studies.getStudy(id);
        assertEquals("median", study.getPruner());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), study.getTrials().stream().map(StudyTrial::getNumber).toList());
        List<StudyTrial> pruned = study.getTrials().stream().filter(t -> t.getState().equals("PRUNED")).toList();
        assertTrue(!pruned.isEmpty(), "no trial was pruned: " + study + "\n" + log);
        for (StudyTrial trial : pruned) {
            assertEquals(1e-6, ((Number) trial.getParams().get("learningRate")).doubleValue(), trial.toString());
            assertTrue(trial.getNumber() >= 5, "pruned before the startup trials completed: " + trial);
            int reported = trial.getIntermediateValues().size();
            assertTrue(reported >= 1 && reported < epochs, "stopped early: " + trial);
            assertEquals(trial.getIntermediateValues().get(String.valueOf(reported)), trial.getValue(), trial.toString());
            assertNotNull(trial.getFinishedAt(), trial.toString());
            assertTrue(log.contains("trial " + trial.getNumber() + ": pruned after epoch " + reported), log);
            assertTrue(log.contains("trial " + trial.getNumber() + ": epoch " + reported + " val_auc="), log);
        }
        Set<Integer> prunedNumbers = pruned.stream().map(StudyTrial::getNumber).collect(Collectors.toSet());
        for (StudyTrial trial : study.getTrials()) {
            if (!prunedNumbers.contains(trial.getNumber())) {
                assertEquals("COMPLETE", trial.getState(), trial.toString());
                assertEquals(epochs, trial.getIntermediateValues().size(), trial.toString());
            }
        }
        StudyTrial best = study.getBest();
        assertNotNull(best);
        assertEquals("COMPLETE", best.getState());
        assertTrue(!prunedNumbers.contains(best.getNumber()), "a pruned trial is never the best: " + best);
        assertEquals(String.valueOf(best.getNumber()),
                new RunsApi(admin).getRun(study.getFinalRunId()).getTags().get("trial"));
    }

    @Test
    void badSearchSpacesAreRefusedAtSubmitAndCreateNoJob() throws Exception {
        int before = jobs.listJobs(null, 500, null, null).getItems().size();
        String base = "\"kind\":\"tune\",\"dataset\":\"fashion-mnist\",\"architecture\":\"mlp\",\"trainSamples\":300,";
        String lr = "\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":1e-4,\"high\":0.1,\"log\":true}}";
        HttpClient http = HttpClient.newHttpClient();
        for (String body : List.of(
                "{" + base + "\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":0.1,\"high\":0.01}}}",
                "{" + base + "\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":0,\"high\":0.1,\"log\":true}}}",
                "{" + base + "\"searchSpace\":{\"dropout\":{\"type\":\"float\",\"low\":0,\"high\":0.5}}}",
                "{" + base + "\"searchSpace\":{}}",
                "{" + base + "\"searchSpace\":{\"batchSize\":{\"type\":\"categorical\",\"choices\":[]}}}",
                "{" + base + lr + ",\"objective\":{\"metric\":\"val_f7\",\"direction\":\"maximize\"}}",
                "{" + base + lr + ",\"trials\":0}",
                "{" + base + lr + ",\"trials\":2,\"concurrency\":3}",
                "{" + base + lr + ",\"sampler\":\"cmaes\"}",
                "{" + base + "\"trials\":3}")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/jobs"))
                    .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        // Every reason at once.
        HttpResponse<String> several = http.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/jobs"))
                .header("Authorization", RunvaultServer.adminAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{" + base + "\"trials\":-1,\"searchSpace\":{\"learningRate\":"
                        + "{\"type\":\"float\",\"low\":-1,\"high\":1,\"log\":true},\"colour\":{\"type\":\"int\",\"low\":1,\"high\":2}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, several.statusCode());
        for (String reason : List.of("trials is 1-500", "learningRate.low", "colour")) {
            assertTrue(several.body().contains(reason), reason + " in " + several.body());
        }
        assertEquals(before, jobs.listJobs(null, 500, null, null).getItems().size());
    }
}
