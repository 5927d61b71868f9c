package io.runvault.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.json.Json;

/** Response bodies of the MLflow API: compact JSON, snake_case members as MLflow names them. */
final class MlflowJson {

    /** The answer of a write that returns nothing. */
    static final String EMPTY = "{}";

    private MlflowJson() {
    }

    static String write(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A response body failed to serialize", e);
        }
    }
}
