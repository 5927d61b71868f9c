package io.runvault.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Problem bodies are compared by clients and tests as text: pinned as the appliance has always written them. */
class ProblemBodyTest {

    static final Problem PROBLEM = new Problem("/problems/bad-manifest", "Bad request \u00e9", 422,
            "detail \"q\" \\ / \u0001\u000b\u001f\n \u00e9 \ud83d\ude00 \u2028", "/api/v1/runs/x%20y");

    static Map<String, Object> extensions() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", List.of());
        nested.put("n", 3);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("reasons", List.of("a", "b \u001f"));
        extensions.put("limit", 0.9);
        extensions.put("small", 1e-7);
        extensions.put("big", 1e10);
        extensions.put("whole", 100.0);
        extensions.put("nan", Double.NaN);
        extensions.put("inf", Double.NEGATIVE_INFINITY);
        extensions.put("float", 1.5f);
        extensions.put("decimal", new BigDecimal("1E-5"));
        extensions.put("decimal2", new BigDecimal("2.50"));
        extensions.put("int", 42);
        extensions.put("long", Long.MAX_VALUE);
        extensions.put("flag", false);
        extensions.put("map", nested);
        extensions.put("none", null);
        extensions.put("list", Arrays.asList(1, null, 2.5, true, List.of("x")));
        extensions.put("other", java.time.Duration.ofSeconds(90));
        return extensions;
    }

    static final String BODY = "{\"type\":\"/problems/bad-manifest\",\"title\":\"Bad request \u00e9\",\"status\":422,\"detail\":"
            + "\"detail \\\"q\\\" \\\\ / \\u0001\\u000b\\u001f\\n \u00e9 \ud83d\ude00 \u2028\",\"instance\":\"/"
            + "api/v1/runs/x%20y\",\"reasons\":[\"a\",\"b \\u001f\"],\"limit\":0.9,\"small\":1.0E-7,\"big\":1.0"
            + "E+10,\"whole\":100.0,\"nan\":\"NaN\",\"inf\":\"-Infinity\",\"float\":1.5,\"decimal\":0.00001,\"d"
            + "ecimal2\":2.50,\"int\":42,\"long\":9223372036854775807,\"flag\":false,\"map\":{\"k\":[],\"n\":3}"
            + ",\"none\":\"null\",\"list\":[1,\"null\",2.5,true,[\"x\"]],\"other\":\"PT1M30S\"}";
    static final String BARE_BODY = "{\"type\":\"/problems/internal\",\"title\":\"Internal server error\",\"status\":500,\"detail\":\""
            + "Internal server error\"}";
    static final String TO_JSON = "{\"type\":\"/problems/bad-manifest\",\"title\":\"Bad request \u00e9\",\"status\":422,\"detail\":"
            + "\"detail \\\"q\\\" \\\\ / \\u0001\\u000b\\u001f\\n \u00e9 \ud83d\ude00 \u2028\"}";
    static final String BARE_TO_JSON = "{\"type\":\"/problems/internal\",\"title\":\"Internal server error\",\"status\":500,\"detail\":\""
            + "Internal server error\"}";

    @Test
    void aProblemWithExtensionsKeepsItsBody() {
        assertEquals(BODY, PROBLEM.body(extensions()));
    }

    @Test
    void aProblemWithoutDetailOrInstanceKeepsItsBody() {
        Problem bare = new Problem("/problems/internal", "Internal server error", 500, null, null);
        assertEquals(BARE_BODY, bare.body(Map.of()));
        assertEquals(BARE_TO_JSON, bare.toJson().toString());
    }

    @Test
    void theServletFormKeepsItsText() {
        assertEquals(TO_JSON, PROBLEM.toJson().toString());
    }
}
