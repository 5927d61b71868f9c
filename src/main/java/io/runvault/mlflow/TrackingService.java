package io.runvault.mlflow;

import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * MLflow runs while they are open: created, logged to, tagged, renamed. Every write checks the run
 * is open; a run that has ended is committed ({@link RunCommitter}) and refuses writes from then on.
 */
@ApplicationScoped
public class TrackingService {

    /** MLflow's limits on one log-batch request. */
    static final int MAX_BATCH_METRICS = 1000;
    static final int MAX_BATCH_PARAMS = 100;
    static final int MAX_BATCH_TAGS = 100;
    static final int MAX_BATCH_TOTAL = 1000;
    /** A create repeated within this time (same body, same user) is a client's retry. */
    static final Duration RETRY_WINDOW = Duration.ofMinutes(10);
    static final Set<String> END_STATES = Set.of("FINISHED", "FAILED", "KILLED");
    private static final Set<String> OPEN_STATES = Set.of("RUNNING", "SCHEDULED");
    private static final String RUN_NAME_TAG = "mlflow.runName";

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ExperimentService experiments;

    @Inject
    TrackedRuns runs;

    /** Creates a run; the same request body from the same user again within minutes answers the same run. */
    @Transactional
    public TrackedRun create(MlflowRequest request, String user) {
        String experimentId = request.text("experiment_id");
        Experiment experiment = experiments.active(experimentId == null || experimentId.isEmpty() ? "0" : experimentId);
        String digest = Digest.compute((user + "\n" + request.raw()).getBytes(StandardCharsets.UTF_8)).toString();
        List<?> earlier = em.createNativeQuery("SELECT run_uuid FROM mlflow_run WHERE create_digest = ? AND created_at >= ?")
                .setParameter(1, digest).setParameter(2, clock.millis() - RETRY_WINDOW.toMillis()).getResultList();
        if (!earlier.isEmpty()) {
            return runs.get((String) earlier.get(0));
        }
        List<MlflowRequest> tags = request.objects("tags");
        String runName = request.text("run_name");
        if (runName == null || runName.isEmpty()) {
            runName = tags.stream().filter(tag -> RUN_NAME_TAG.equals(tag.text("key"))).map(tag -> tag.text("value"))
                    .findFirst().orElse(null);
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        if (runName == null || runName.isEmpty()) {
            runName = "run-" + runId.substring(0, 8);
        }
        Limits.value("attribute", "run_name", runName, Limits.MAX_KEY);
        Long startTime = request.longValue("start_time");
        String userId = request.text("user_id");
        em.createNativeQuery("INSERT INTO mlflow_run (run_uuid, experiment_id, run_name, user_id, status, start_time, "
                        + "lifecycle_stage, created_by, create_digest, created_at) VALUES (?, ?, ?, ?, 'RUNNING', ?, 'active', ?, ?, ?)")
                .setParameter(1, runId).setParameter(2, experiment.id()).setParameter(3, runName)
                .setParameter(4, userId == null || userId.isEmpty() ? user : userId)
                .setParameter(5, startTime == null ? clock.millis() : startTime).setParameter(6, user)
                .setParameter(7, digest).setParameter(8, clock.millis()).executeUpdate();
        for (MlflowRequest tag : tags) {
            putTag(runId, tag.requiredText("key"), tag.text("value"));
        }
        putTag(runId, RUN_NAME_TAG, runName);
        return runs.get(runId);
    }

    /** A run that may still be written to: open and not deleted. */
    TrackedRun open(String runId) {
        TrackedRun run = runs.get(runId);
        if (run.ended()) {
            throw MlflowException.invalid("The run " + runId + " has ended (" + run.status() + ") and is committed as the "
                    + "immutable run " + run.runvaultRunId() + "; it cannot be changed");
        }
        if (END_STATES.contains(run.status())) {
            throw MlflowException.invalid("The run " + runId + " has ended (" + run.status() + ") and is being committed; "
                    + "it cannot be changed");
        }
        if (!run.lifecycleStage().equals("active")) {
            throw MlflowException.invalid("The run " + runId + " must be in the 'active' state. Current state is "
                    + run.lifecycleStage() + ".");
        }
        return run;
    }

    @Transactional
    public void logMetric(String runId, MlflowRequest metric) {
        open(runId);
        putMetric(runId, metric);
    }

    @Transactional
    public void logParam(String runId, String key, String value) {
        open(runId);
        putParam(runId, key, value);
    }

    @Transactional
    public void setTag(String runId, String key, String value) {
        open(runId);
        putTag(runId, key, value);
        if (RUN_NAME_TAG.equals(key)) {
            rename(runId, value);
        }
    }

    @Transactional
    public void deleteTag(String runId, String key) {
        open(runId);
        int removed = em.createNativeQuery("DELETE FROM mlflow_tag WHERE run_uuid = ? AND tag_key = ?")
                .setParameter(1, runId).setParameter(2, key).executeUpdate();
        if (removed == 0) {
            throw MlflowException.missing("No tag with name: " + key + " in run with id " + runId);
        }
    }

    /** Params, metrics and tags in one transaction, after the whole batch is checked against MLflow's limits. */
    @Transactional
    public void logBatch(String runId, MlflowRequest batch) {
        List<MlflowRequest> metrics = batch.objects("metrics");
        List<MlflowRequest> params = batch.objects("params");
        List<MlflowRequest> tags = batch.objects("tags");
        if (metrics.size() > MAX_BATCH_METRICS || params.size() > MAX_BATCH_PARAMS || tags.size() > MAX_BATCH_TAGS
                || metrics.size() + params.size() + tags.size() > MAX_BATCH_TOTAL) {
            throw MlflowException.invalid("A batch holds at most " + MAX_BATCH_METRICS + " metrics, " + MAX_BATCH_PARAMS
                    + " params and " + MAX_BATCH_TAGS + " tags, " + MAX_BATCH_TOTAL + " in all; this one has "
                    + metrics.size() + ", " + params.size() + " and " + tags.size());
        }
        open(runId);
        for (MlflowRequest param : params) {
            putParam(runId, param.requiredText("key"), param.text("value"));
        }
        for (MlflowRequest metric : metrics) {
            putMetric(runId, metric);
        }
        for (MlflowRequest tag : tags) {
            putTag(runId, tag.requiredText("key"), tag.text("value"));
        }
    }

    /** Renames an open run, or ends it (the caller then commits it). */
    @Transactional
    public TrackedRun update(String runId, String status, Long endTime, String runName) {
        TrackedRun run = runs.get(runId);
        if (END_STATES.contains(run.status()) && (status == null || status.equals(run.status()))
                && (runName == null || runName.isEmpty() || runName.equals(run.runName()))) {
            return run; // a client's retry of the update that ended the run (committing it again changes nothing)
        }
        open(runId);
        if (runName != null && !runName.isEmpty()) {
            Limits.value("attribute", "run_name", runName, Limits.MAX_KEY);
            putTag(runId, RUN_NAME_TAG, runName);
            rename(runId, runName);
        }
        if (status != null && !status.isEmpty()) {
            if (!END_STATES.contains(status) && !OPEN_STATES.contains(status)) {
                throw MlflowException.invalid("Invalid status '" + status + "': RUNNING, SCHEDULED, FINISHED, FAILED or KILLED");
            }
            em.createNativeQuery("UPDATE mlflow_run SET status = ?, end_time = ? WHERE run_uuid = ?")
                    .setParameter(1, status)
                    .setParameter(2, END_STATES.contains(status) ? (endTime == null ? clock.millis() : endTime) : null)
                    .setParameter(3, runId).executeUpdate();
        }
        return runs.get(runId);
    }

    /** Records the committed run; from now on the MLflow run is its read-only view. */
    @Transactional
    public void committed(String runId, String runvaultRunId) {
        em.createNativeQuery("UPDATE mlflow_run SET runvault_run_id = ? WHERE run_uuid = ?")
                .setParameter(1, runvaultRunId).setParameter(2, runId).executeUpdate();
    }

    /** Puts an ended run back to running when its commit failed, so the client can fix and end it again. */
    @Transactional
    public void reopen(String runId) {
        em.createNativeQuery("UPDATE mlflow_run SET status = 'RUNNING', end_time = NULL WHERE run_uuid = ? "
                + "AND runvault_run_id IS NULL").setParameter(1, runId).executeUpdate();
    }

    @Transactional
    public void lifecycle(String runId, String stage) {
        runs.get(runId);
        em.createNativeQuery("UPDATE mlflow_run SET lifecycle_stage = ? WHERE run_uuid = ?")
                .setParameter(1, stage).setParameter(2, runId).executeUpdate();
    }

    private void rename(String runId, String runName) {
        em.createNativeQuery("UPDATE mlflow_run SET run_name = ? WHERE run_uuid = ?")
                .setParameter(1, runName).setParameter(2, runId).executeUpdate();
    }

    /** Params are written once: the same value again is a retry; another value is refused. */
    private void putParam(String runId, String key, String value) {
        Limits.key(key);
        Limits.value("param", key, value, Limits.MAX_PARAM_VALUE);
        List<?> existing = em.createNativeQuery("SELECT param_value FROM mlflow_param WHERE run_uuid = ? AND param_key = ?")
                .setParameter(1, runId).setParameter(2, key).getResultList();
        if (!existing.isEmpty()) {
            if (!existing.get(0).equals(value)) {
                throw MlflowException.invalid("Changing param values is not allowed. Param with key='" + key
                        + "' was already logged with value='" + existing.get(0) + "' for run ID='" + runId
                        + "'. Attempted logging new value '" + value + "'.");
            }
            return;
        }
        em.createNativeQuery("INSERT INTO mlflow_param (run_uuid, param_key, param_value) VALUES (?, ?, ?)")
                .setParameter(1, runId).setParameter(2, key).setParameter(3, value).executeUpdate();
    }

    private void putTag(String runId, String key, String value) {
        Limits.key(key);
        if (key.equals(TrackedRun.RUNVAULT_RUN_TAG)) {
            throw MlflowException.invalid("The tag " + key + " is set by the server when the run is committed");
        }
        Limits.value("tag", key, value, Limits.MAX_TAG_VALUE);
        em.createNativeQuery("DELETE FROM mlflow_tag WHERE run_uuid = ? AND tag_key = ?")
                .setParameter(1, runId).setParameter(2, key).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_tag (run_uuid, tag_key, tag_value) VALUES (?, ?, ?)")
                .setParameter(1, runId).setParameter(2, key).setParameter(3, value).executeUpdate();
    }

    private void putMetric(String runId, MlflowRequest metric) {
        String key = metric.requiredText("key");
        Limits.key(key);
        double value = metric.requiredDouble("value");
        Long timestamp = metric.longValue("timestamp");
        if (timestamp == null) {
            throw MlflowException.invalid("Missing value for required parameter 'timestamp' of metric '" + key + "'");
        }
        Long stepValue = metric.longValue("step");
        long step = stepValue == null ? 0 : stepValue;
        int known = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM mlflow_metric WHERE run_uuid = ? AND metric_key = ? "
                        + "AND step = ? AND logged_at = ? AND metric_value = ?").setParameter(1, runId)
                .setParameter(2, key).setParameter(3, step).setParameter(4, timestamp).setParameter(5, value)
                .getSingleResult()).intValue();
        if (known > 0) {
            return; // the same value logged again: a client's retry
        }
        em.createNativeQuery("INSERT INTO mlflow_metric (run_uuid, metric_key, step, logged_at, metric_value) "
                + "VALUES (?, ?, ?, ?, ?)").setParameter(1, runId).setParameter(2, key).setParameter(3, step)
                .setParameter(4, timestamp).setParameter(5, value).executeUpdate();
        List<?> latest = em.createNativeQuery("SELECT step, logged_at FROM mlflow_latest_metric WHERE run_uuid = ? "
                + "AND metric_key = ?").setParameter(1, runId).setParameter(2, key).getResultList();
        if (latest.isEmpty()) {
            em.createNativeQuery("INSERT INTO mlflow_latest_metric (run_uuid, metric_key, step, logged_at, metric_value) "
                    + "VALUES (?, ?, ?, ?, ?)").setParameter(1, runId).setParameter(2, key).setParameter(3, step)
                    .setParameter(4, timestamp).setParameter(5, value).executeUpdate();
            return;
        }
        Object[] current = (Object[]) latest.get(0);
        long currentStep = ((Number) current[0]).longValue();
        long currentTime = ((Number) current[1]).longValue();
        if (step > currentStep || step == currentStep && timestamp >= currentTime) {
            em.createNativeQuery("UPDATE mlflow_latest_metric SET step = ?, logged_at = ?, metric_value = ? "
                    + "WHERE run_uuid = ? AND metric_key = ?").setParameter(1, step).setParameter(2, timestamp)
                    .setParameter(3, value).setParameter(4, runId).setParameter(5, key).executeUpdate();
        }
    }
}
