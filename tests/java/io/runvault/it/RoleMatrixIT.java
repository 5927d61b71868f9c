package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served OpenAPI document, called anonymously and as each role. The table
 * below is the rule; an operation missing from it fails the test, so a new endpoint cannot ship
 * without a decided and tested role rule.
 */
class RoleMatrixIT {

    private static final Set<String> ANY = Set.of("viewer", "contributor", "approver", "admin");
    private static final Set<String> WRITERS = Set.of("contributor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> APPROVER = Set.of("approver", "admin");

    /** operationId -> the roles allowed to call it. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("putBlob", WRITERS),
            Map.entry("headBlob", ANY),
            Map.entry("getBlob", ANY),
            Map.entry("commitRun", WRITERS),
            Map.entry("searchRuns", ANY),
            Map.entry("getRun", ANY),
            Map.entry("getRunManifest", ANY),
            Map.entry("getRunFile", ANY),
            Map.entry("getRunArchive", ANY),
            Map.entry("exportRun", WRITERS),
            Map.entry("scrub", ADMIN),
            Map.entry("collectGarbage", ADMIN),
            Map.entry("stageBackup", ADMIN),
            Map.entry("runDoctor", ADMIN),
            Map.entry("getApplianceStatus", ADMIN),
            Map.entry("listUsers", ADMIN),
            Map.entry("createUser", ADMIN),
            Map.entry("getUser", ADMIN),
            Map.entry("changeUserRoles", ADMIN),
            Map.entry("disableUser", ADMIN),
            Map.entry("enableUser", ADMIN),
            Map.entry("whoAmI", ANY),
            Map.entry("changeMyPassword", ANY),
            Map.entry("resetUserPassword", ADMIN),
            Map.entry("createToken", ANY),
            Map.entry("listTokens", ANY),
            Map.entry("revokeToken", ANY),
            Map.entry("listModels", ANY),
            Map.entry("createModel", WRITERS),
            Map.entry("getModel", ANY),
            Map.entry("createModelVersion", WRITERS),
            Map.entry("getModelVersion", ANY),
            Map.entry("getModelCard", ANY),
            Map.entry("predict", ANY),
            Map.entry("predictWithVersion", ANY),
            Map.entry("submitJob", WRITERS),
            Map.entry("listJobs", ANY),
            Map.entry("getJob", ANY),
            Map.entry("getJobLog", ANY),
            Map.entry("stopJob", WRITERS),
            Map.entry("restartJob", WRITERS),
            Map.entry("getStudy", ANY),
            Map.entry("getModelCardMarkdown", ANY),
            Map.entry("archiveModelVersion", ADMIN),
            Map.entry("getPolicy", ANY),
            Map.entry("setPolicy", ADMIN),
            Map.entry("requestPromotion", WRITERS),
            Map.entry("listPromotions", ANY),
            Map.entry("getPromotion", ANY),
            Map.entry("approvePromotion", Set.of("approver")),
            Map.entry("rejectPromotion", APPROVER),
            Map.entry("registerDataset", WRITERS),
            Map.entry("importDataset", ADMIN),
            Map.entry("listDatasets", ANY),
            Map.entry("getDataset", ANY),
            Map.entry("queryAudit", ANY),
            Map.entry("exportAudit", ADMIN),
            Map.entry("verifyAudit", ADMIN));

    private record Operation(String id, String method, String path, String contentType) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyOperationFollowsItsRoleRuleForAnonymousAndEachRole() throws Exception {
        RunvaultServer server = SharedServer.get();
        List<Operation> operations = operations(server);
        assertTrue(operations.size() >= ALLOWED.size(), "the document lists the API");
        Map<String, String> identities = new LinkedHashMap<>();
        for (String role : List.of("viewer", "contributor", "approver", "admin")) {
            identities.put(role, Users.create(server, role).authorization());
        }
        List<String> broken = new ArrayList<>();
        for (Operation operation : operations) {
            Set<String> allowed = ALLOWED.get(operation.id());
            if (allowed == null) {
                fail("No role rule for operation " + operation.id() + " (" + operation.method() + " " + operation.path()
                        + "): add it to RoleMatrixIT.ALLOWED");
            }
            int anonymous = call(server, operation, null);
            if (anonymous != 401) {
                broken.add(operation.id() + " anonymous -> " + anonymous);
            }
            for (Map.Entry<String, String> identity : identities.entrySet()) {
                int status = call(server, operation, identity.getValue());
                boolean mayCall = allowed.contains(identity.getKey());
                if (mayCall ? (status == 401 || status == 403 || status >= 500) : status != 403) {
                    broken.add(operation.id() + " as " + identity.getKey() + " -> " + status);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    private List<Operation> operations(RunvaultServer server) throws Exception {
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi?format=JSON"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode paths = new ObjectMapper().readTree(document.body()).get("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode body = method.getValue().path("requestBody").path("content");
                String contentType = body.isMissingNode() || !body.fieldNames().hasNext() ? null : body.fieldNames().next();
                operations.add(new Operation(method.getValue().path("operationId").asText(),
                        method.getKey().toUpperCase(), path.getKey(), contentType));
            }
        }
        return operations;
    }

    /** Calls with harmless placeholder arguments: what matters is whether the call gets past security. */
    private int call(RunvaultServer server, Operation operation, String authorization) throws Exception {
        String path = operation.path()
                .replace("{digest}", "blake2b:" + "0".repeat(64))
                .replace("{id}", operation.path().startsWith("/api/v1/runs") ? "blake2b:" + "0".repeat(64) : "0000000000000000")
                .replace("{jobId}", "0000000000000000")
                .replace("{username}", "nobody-" + operation.id().length())
                .replace("{name}", "no-such-model")
                .replace("{model}", "no-such-model")
                .replace("{version}", "1")
                .replace("{path}", "logs/run.log");
        byte[] body = operation.contentType() == null ? null
                : operation.contentType().contains("json") ? "{}".getBytes() : new byte[] {1};
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (operation.contentType() != null) {
            request.header("Content-Type", operation.contentType());
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
