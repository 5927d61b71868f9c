package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/**
 * The checked-in openapi/registry.yaml is the contract clients are generated from: the served
 * document must equal it. {@code -Drunvault.openapi.update=true} rewrites the file from the server.
 */
class OpenApiContractIT {

    @Test
    void theServedDocumentEqualsTheCheckedInContract() throws Exception {
        RunvaultServer server = SharedServer.get();
        HttpResponse<String> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains("operationId: commitRun"), "documents the API");
        assertTrue(!served.body().contains("localhost"), "no server URL baked into the document");
        Path contract = Path.of(System.getProperty("runvault.openapi.file", "openapi/registry.yaml"));
        if (Boolean.getBoolean("runvault.openapi.update")) {
            Files.writeString(contract, served.body(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(contract, StandardCharsets.UTF_8), served.body(),
                "openapi/registry.yaml differs from the served /openapi; if the change is intended, run "
                        + "mvn verify -Drunvault.openapi.update=true and commit the file");
    }

    @Test
    void theGatesFailedProblemIsTypedForGeneratedClients() throws Exception {
        String served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SharedServer.get().baseUrl() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        int operation = served.indexOf("operationId: requestPromotion");
        assertTrue(operation > 0, "documents requestPromotion");
        int refused = served.indexOf("\"422\":", operation);
        String response = served.substring(refused, served.indexOf("\n        \"", refused + 1));
        assertTrue(response.contains("$ref: '#/components/schemas/GatesFailedProblem'"), response);
        int schema = served.indexOf("\n    GatesFailedProblem:\n");
        assertTrue(schema > 0, "the schema is among the components");
        Matcher next = Pattern.compile("\n    [A-Za-z]").matcher(served);
        String body = served.substring(schema, next.find(schema + 1) ? next.start() : served.length());
        assertTrue(body.contains("requestId:") && body.contains("evidence:")
                && body.contains("$ref: '#/components/schemas/GateResult'"), body);
    }

    /** Generated clients and their users learn the accepted page sizes from the contract, not from a 400. */
    @Test
    void pageSizeLimitsAreStatedInTheContract() throws Exception {
        String served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SharedServer.get().baseUrl() + "/openapi")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        JsonNode paths = new YAMLMapper().readTree(served).path("paths");
        assertLimit(paths.path("/api/v1/jobs").path("get"), 500);
        assertLimit(paths.path("/api/v1/runs").path("get"), 1000);
        assertLimit(paths.path("/api/v1/audit").path("get"), 1000);
    }

    private static void assertLimit(JsonNode operation, int maximum) {
        JsonNode limit = null;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals("limit")) {
                limit = parameter.path("schema");
            }
        }
        assertTrue(limit != null, operation.path("operationId").asText() + " has a limit parameter");
        assertEquals(1, limit.path("minimum").asInt(-1), operation.path("operationId").asText() + " limit minimum");
        assertEquals(maximum, limit.path("maximum").asInt(-1), operation.path("operationId").asText() + " limit maximum");
    }
}
