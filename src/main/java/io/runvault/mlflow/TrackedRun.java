package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import java.util.List;
import java.util.SortedMap;

/**
 * An MLflow run as its API shows it: open while it runs, then the view of the committed run
 * ({@code runvaultRunId}), whose id is also shown as the tag {@code runvault.run_id}.
 */
record TrackedRun(String runId, long experimentId, String runName, String userId, String status, long startTime,
                  Long endTime, String lifecycleStage, String runvaultRunId, SortedMap<String, String> params,
                  SortedMap<String, String> tags, List<MetricPoint> latestMetrics) {

    /** The tag that names the committed run. */
    static final String RUNVAULT_RUN_TAG = "runvault.run_id";

    /** One logged value of a metric. */
    record MetricPoint(String key, double value, long timestamp, long step) {
        ObjectNode toJson() {
            return Json.MAPPER.createObjectNode().put("key", key).put("value", value).put("timestamp", timestamp)
                    .put("step", step);
        }
    }

    boolean ended() {
        return runvaultRunId != null;
    }

    ObjectNode info() {
        ObjectNode info = Json.MAPPER.createObjectNode()
                .put("run_id", runId)
                .put("run_uuid", runId)
                .put("run_name", runName)
                .put("experiment_id", String.valueOf(experimentId))
                .put("user_id", userId)
                .put("status", status)
                .put("start_time", startTime);
        if (endTime != null) {
            info.put("end_time", endTime);
        }
        return info.put("artifact_uri", "mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts")
                .put("lifecycle_stage", lifecycleStage);
    }

    ObjectNode toJson() {
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.set("info", info());
        ObjectNode data = run.putObject("data");
        ArrayNode metrics = data.putArray("metrics");
        latestMetrics.forEach(point -> metrics.add(point.toJson()));
        ArrayNode paramArray = data.putArray("params");
        params.forEach((key, value) -> paramArray.addObject().put("key", key).put("value", value));
        ArrayNode tagArray = data.putArray("tags");
        tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
        if (runvaultRunId != null) {
            tagArray.addObject().put("key", RUNVAULT_RUN_TAG).put("value", runvaultRunId);
        }
        run.putObject("inputs");
        return run;
    }
}
