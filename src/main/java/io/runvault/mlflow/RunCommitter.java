package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.config.Settings;
import io.runvault.json.Json;
import io.runvault.problem.ProblemException;
import io.runvault.runs.RunDraft;
import io.runvault.runs.RunDrafts;
import io.runvault.runs.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Commits an ended MLflow run as an ordinary content-addressed run: its experiment's name, start
 * time, params, tags, the latest value of each metric, each metric's history as a series (values in
 * step order), and {@code mlflow/run.json}, which keeps everything with MLflow's steps and times
 * (also the params and tags longer than the run index holds). The MLflow run id is the tag
 * {@code mlflow.run_id}. Its artifacts are the run's files under {@code artifacts/}.
 */
@ApplicationScoped
public class RunCommitter {

    /** The longest param or tag value the run index holds; longer ones are in mlflow/run.json only. */
    static final int MAX_INDEXED_VALUE = 1024;

    @Inject
    RunDrafts drafts;

    @Inject
    Settings settings;

    @Inject
    TrackedRuns runs;

    @Inject
    ExperimentService experiments;

    @Inject
    TrackingService tracking;

    @Inject
    ArtifactService artifacts;

    /**
     * Applies a runs/update; when it ends the run, commits it. A commit that fails puts the run back
     * to RUNNING (nothing was committed) and the client is told why.
     */
    public TrackedRun update(String runId, String status, Long endTime, String runName, String user) {
        TrackedRun run = tracking.update(runId, status, endTime, runName);
        if (!TrackingService.END_STATES.contains(run.status()) || run.ended()) {
            return run;
        }
        try {
            tracking.committed(runId, commit(run, user).run().id());
        } catch (IOException | RuntimeException e) {
            tracking.reopen(runId);
            if (e instanceof ProblemException refused) {
                // The registry refused the run (a rule of runs, such as portable file names).
                throw MlflowException.invalid("The run could not be committed, so it is still running: " + refused.getMessage());
            }
            // Anything else is a failure of the server: logged and answered as one.
            throw e instanceof RuntimeException failure ? failure : new UncheckedIOException((IOException) e);
        }
        return runs.get(runId);
    }

    private RunService.Commit commit(TrackedRun run, String user) throws IOException {
        Experiment experiment = experiments.get(String.valueOf(run.experimentId()));
        Map<String, List<TrackedRun.MetricPoint>> histories = runs.histories(run.runId());
        // A folder per attempt: a client's retried update may commit the same run at the same moment
        // (the same content, so the same run id), and must not empty this attempt's folder.
        try (RunDraft draft = drafts.open(settings.dataDirectory().resolve("mlflow")
                .resolve(run.runId() + "-" + java.util.UUID.randomUUID()))) {
            draft.experiment(experiment.name()).createdAt(Instant.ofEpochMilli(run.startTime()));
            run.params().forEach((key, value) -> {
                if (value.length() <= MAX_INDEXED_VALUE) {
                    draft.param(key, value);
                }
            });
            run.tags().forEach((key, value) -> {
                if (value.length() <= MAX_INDEXED_VALUE) {
                    draft.tag(key, value);
                }
            });
            draft.tag("mlflow.run_id", run.runId()).tag("mlflow.status", run.status());
            run.latestMetrics().forEach(point -> draft.metric(point.key(), point.value()));
            histories.forEach((key, points) -> draft.series(key, points.stream().map(TrackedRun.MetricPoint::value).toList()));
            artifacts.files(run.runId()).forEach(draft::include);
            draft.addText("mlflow/run.json", Json.PRETTY.writeValueAsString(record(run, experiment, histories)));
            return draft.commit(user);
        }
    }

    private static ObjectNode record(TrackedRun run, Experiment experiment, Map<String, List<TrackedRun.MetricPoint>> histories) {
        ObjectNode json = run.info();
        json.remove("lifecycle_stage");
        json.put("experiment_name", experiment.name());
        ObjectNode params = json.putObject("params");
        run.params().forEach(params::put);
        ObjectNode tags = json.putObject("tags");
        run.tags().forEach(tags::put);
        ObjectNode metrics = json.putObject("metrics");
        histories.forEach((key, points) -> {
            ArrayNode values = metrics.putArray(key);
            points.forEach(point -> values.addObject().put("step", point.step()).put("timestamp", point.timestamp())
                    .put("value", point.value()));
        });
        return json;
    }
}
