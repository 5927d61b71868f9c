package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.api.JobsApi;
import io.runvault.client.api.StudiesApi;
import io.runvault.client.model.Job;
import io.runvault.client.model.Study;
import io.runvault.client.model.StudyTrial;
import io.runvault.client.model.TuneJobSpec;
import io.runvault.client.model.TuneObjective;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the server in the middle of a tuning study: the study keeps what its trials did, the
 * trial that was training is failed as interrupted, and a restart of the job finishes the study
 * without training any trial number twice.
 */
class TuningCrashIT {

    private static final int TRIALS = 5;

    @Test
    void aStudyKilledMidwayResumesWithoutRepeatingATrial() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("crash-tuning", Map.of())) {
            JobsApi jobs = new JobsApi(Clients.admin(server));
            StudiesApi studies = new StudiesApi(Clients.admin(server));
            // One trial at a time, each a few seconds of training: the kill lands once a trial has completed
            // and the next one is training.
            String id = jobs.submitJob(new TuneJobSpec().kind("tune").dataset("fashion-mnist").experiment("crash-tuning-it")
                    .architecture("mlp").trainSamples(1500).testSamples(100).epochs(2).seed(11L).trials(TRIALS)
                    .concurrency(1).pruner("none")
                    .objective(new TuneObjective().metric("val_auc").direction("maximize"))
                    .searchSpace(Map.of(
                            "learningRate", Map.of("type", "float", "low", 1e-4, "high", 1e-1, "log", true),
                            "batchSize", Map.of("type", "categorical", "choices", List.of(16, 32))))).getId();

            long deadline = System.nanoTime() + 600_000_000_000L;
            Study running = studies.getStudy(id);
            while (System.nanoTime() < deadline
                    && (running.getTrials().stream().noneMatch(t -> t.getState().equals("COMPLETE"))
                        || running.getTrials().stream().noneMatch(t -> t.getState().equals("RUNNING")))
                    && !JobWaits.isFinished(jobs.getJob(id))) {
                Thread.sleep(100);
                running = studies.getStudy(id);
            }
            assertEquals("running", jobs.getJob(id).getState(), "the study was still running when the server was killed");
            server.kill();

            server.start();
            jobs = new JobsApi(Clients.admin(server));
            studies = new StudiesApi(Clients.admin(server));
            Job interrupted = jobs.getJob(id);
            assertEquals("failed", interrupted.getState());
            assertTrue(interrupted.getFailure().contains("the server stopped while the job ran"), interrupted.getFailure());

            Study before = studies.getStudy(id);
            assertEquals("failed", before.getState(), before.toString());
            assertTrue(before.getTrials().stream().noneMatch(t -> t.getState().equals("RUNNING")), before.toString());
            Map<Integer, StudyTrial> completedBefore = before.getTrials().stream()
                    .filter(t -> t.getState().equals("COMPLETE"))
                    .collect(Collectors.toMap(StudyTrial::getNumber, t -> t));
            assertTrue(completedBefore.size() >= 1 && completedBefore.size() < TRIALS, before.toString());
            Set<Integer> failedBefore = before.getTrials().stream().filter(t -> t.getState().equals("FAIL"))
                    .map(StudyTrial::getNumber).collect(Collectors.toSet());
            // The trial training at the kill (none if it had just ended when the kill landed).
            assertTrue(failedBefore.size() <= 1, before.toString());
            for (StudyTrial trial : before.getTrials()) {
                if (trial.getState().equals("FAIL")) {
                    assertTrue(trial.getFailure().startsWith("interrupted"), trial.toString());
                    assertNotNull(trial.getFinishedAt(), trial.toString());
                }
            }

            jobs.restartJob(id);
            Job done = JobWaits.finished(jobs, id);
            String log = jobs.getJobLog(id, false);
            assertEquals("completed", done.getState(), done.getFailure() + "\n" + log);

            Study after = studies.getStudy(id);
            assertEquals("completed", after.getState());
            List<Integer> numbers = after.getTrials().stream().map(StudyTrial::getNumber).toList();
            assertEquals(List.of(0, 1, 2, 3, 4), numbers, "every trial number once");
            for (StudyTrial earlier : completedBefore.values()) {
                StudyTrial now = after.getTrials().get(earlier.getNumber());
                assertEquals("COMPLETE", now.getState(), "trial " + earlier.getNumber());
                assertEquals(earlier.getParams(), now.getParams(), "trial " + earlier.getNumber());
                assertEquals(earlier.getValue(), now.getValue(), "trial " + earlier.getNumber());
                assertEquals(earlier.getFinishedAt(), now.getFinishedAt(), "trial " + earlier.getNumber() + " not run again");
                assertEquals(1, count(log, "trial " + earlier.getNumber() + ": started with "), log);
            }
            for (StudyTrial trial : after.getTrials()) {
                if (failedBefore.contains(trial.getNumber())) {
                    assertEquals("FAIL", trial.getState(), trial.toString());
                    assertTrue(trial.getFailure().startsWith("interrupted"), trial.toString());
                    assertEquals(1, count(log, "trial " + trial.getNumber() + ": started with "), log);
                } else if (!completedBefore.containsKey(trial.getNumber())) {
                    // Trained by the restarted execution.
                    assertEquals("COMPLETE", trial.getState(), trial.toString());
                }
            }
            assertEquals("COMPLETE", after.getBest().getState(), after.toString());
            assertNotNull(after.getStudyRunId());
            assertNotNull(after.getFinalRunId());
            assertEquals(after.getFinalRunId(), done.getRunId());
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
