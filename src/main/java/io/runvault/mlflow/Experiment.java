package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import java.util.SortedMap;

/** An MLflow experiment as its API shows it; its name is the experiment of the runs committed from it. */
record Experiment(long id, String name, String lifecycleStage, long creationTime, long lastUpdateTime,
                  SortedMap<String, String> tags) {

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("experiment_id", String.valueOf(id))
                .put("name", name)
                .put("artifact_location", "mlflow-artifacts:/" + id)
                .put("lifecycle_stage", lifecycleStage)
                .put("last_update_time", lastUpdateTime)
                .put("creation_time", creationTime);
        ArrayNode tagArray = json.putArray("tags");
        tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
        return json;
    }
}
