package io.runvault.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import java.util.List;
import java.util.function.Predicate;

/** Response bodies of the MLflow API: compact JSON, snake_case members as MLflow names them. */
final class MlflowJson {

    /** The answer of a write that returns nothing. */
    static final String EMPTY = "{}";

    private MlflowJson() {
    }

    /**
     * One page of results found in memory, as {@code {"<member>": [...], "next_page_token": ...}};
     * {@code filter} and paging come from the request.
     */
    static String page(String member, List<ObjectNode> candidates, Predicate<ObjectNode> filter, MlflowRequest request,
                       int defaultSize) {
        int size = SearchSql.pageSize(request, defaultSize);
        int offset = SearchSql.offset(request.text("page_token"));
        List<ObjectNode> matching = candidates.stream().filter(filter).toList();
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode items = page.putArray(member);
        matching.stream().skip(offset).limit(size).forEach(items::add);
        if (matching.size() > offset + size) {
            page.put("next_page_token", SearchSql.token(offset + size));
        }
        return write(page);
    }

    /** The value of the tag {@code key} in an item's {@code tags} list, or null. */
    static String tag(JsonNode item, String key) {
        for (JsonNode tag : item.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        return null;
    }

    static String write(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A response body failed to serialize", e);
        }
    }
}
