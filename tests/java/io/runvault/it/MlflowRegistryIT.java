package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.api.PoliciesApi;
import io.runvault.client.model.Gate;
import io.runvault.client.model.PromotionPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * MLflow's registry API over Runvault's models: versions made of committed MLflow runs, read with
 * MLflow's Java client, and stage transitions that go through the gates and the four-eyes approval.
 */
class MlflowRegistryIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void versionsOfMlflowRunsMoveOnlyThroughGatesAndApproval() throws Exception {
        Users.Login scientist = Users.create(SERVER, "contributor");
        Users.Login approver = Users.create(SERVER, "approver");
        Users.Login viewer = Users.create(SERVER, "viewer");
        MlflowClient mlflow = new MlflowClient(new BasicMlflowHostCreds(SERVER.baseUrl(), scientist.username(),
                scientist.password()));
        String experimentId = mlflow.createExperiment("mlflow-registry-" + UUID.randomUUID());
        String good = endedRun(mlflow, scientist, experimentId, 0.95);
        String weak = endedRun(mlflow, scientist, experimentId, 0.50);
        String open = mlflow.createRun(experimentId).getRunId();

        String model = "mlflow-model-" + UUID.randomUUID().toString().substring(0, 8);
        String create = "{\"name\": \"" + model + "\", \"description\": \"from MLflow\"}";
        assertEquals(200, post(scientist, "registered-models/create", create).statusCode());
        assertEquals(200, post(scientist, "registered-models/create", create).statusCode(), "a retried create succeeds");
        assertError(post(viewer, "registered-models/create", "{\"name\": \"viewer-" + model + "\"}"), 403, "PERMISSION_DENIED");
        new PoliciesApi(Clients.admin(SERVER)).setPolicy(model, new PromotionPolicy()
                .validated(List.of(new Gate().kind("metric").expression("val_auc >= 0.90"))).production(List.of()));

        JsonNode first = body(post(scientist, "model-versions/create", "{\"name\": \"" + model + "\", \"source\": \"runs:/"
                + good + "/model\", \"run_id\": \"" + good + "\"}")).path("model_version");
        assertEquals("1", first.path("version").asText());
        assertEquals("None", first.path("current_stage").asText());
        JsonNode second = body(post(scientist, "model-versions/create", "{\"name\": \"" + model + "\", \"source\": "
                + "\"mlflow-artifacts:/" + experimentId + "/" + weak + "/artifacts/model\"}")).path("model_version");
        assertEquals("2", second.path("version").asText());
        JsonNode refused = body(post(scientist, "model-versions/create", "{\"name\": \"" + model + "\", \"source\": \"runs:/"
                + open + "/model\"}"));
        assertTrue(refused.path("message").asText().contains("still running"), refused.toString());

        // Reads through MLflow's own client.
        ModelVersion read = mlflow.getModelVersion(model, "1");
        assertEquals(good, read.getRunId());
        assertEquals("runs:/" + good + "/model", read.getSource());
        assertTrue(mlflow.getModelVersionDownloadUri(model, "1").endsWith("/files/artifacts/model/MLmodel"),
                mlflow.getModelVersionDownloadUri(model, "1"));
        assertEquals(List.of("2"), mlflow.getLatestVersions(model).stream().map(ModelVersion::getVersion).toList());
        assertEquals(2, mlflow.searchModelVersions("name = '" + model + "'").getItems().size());
        assertEquals(List.of("1"), mlflow.searchModelVersions("name = '" + model + "' and run_id = '" + good + "'")
                .getItems().stream().map(ModelVersion::getVersion).toList());

        // Staging runs the validated gates: the weak version fails them with the evidence, the good one passes.
        HttpResponse<String> gated = post(scientist, "model-versions/transition-stage",
                "{\"name\": \"" + model + "\", \"version\": \"2\", \"stage\": \"Staging\", \"archive_existing_versions\": false}");
        assertError(gated, 422, "INVALID_STATE");
        assertTrue(gated.body().contains("val_auc"), gated.body());
        assertEquals("None", mlflow.getModelVersion(model, "2").getCurrentStage());
        assertTrue(send(viewer, "GET", "/api/v1/promotions?model=" + model, null).body().contains("\"status\":\"refused\""),
                "the refused request is kept as history");
        JsonNode staged = body(post(scientist, "model-versions/transition-stage",
                "{\"name\": \"" + model + "\", \"version\": \"1\", \"stage\": \"Staging\"}")).path("model_version");
        assertEquals("Staging", mlflow.getModelVersion(model, "1").getCurrentStage(), staged.toString());
        assertEquals("Staging", staged.path("current_stage").asText());

        // Production asks for approval: the version stays in Staging, tagged with the pending request.
        JsonNode asked = body(post(scientist, "model-versions/transition-stage",
                "{\"name\": \"" + model + "\", \"version\": \"1\", \"stage\": \"Production\"}")).path("model_version");
        assertEquals("Staging", asked.path("current_stage").asText());
        String requestId = tag(asked, "runvault.promotion_request");
        assertEquals(403, send(scientist, "POST", "/api/v1/promotions/" + requestId + "/approve", "{}").statusCode());
        assertEquals("Staging", mlflow.getModelVersion(model, "1").getCurrentStage());
        assertEquals(200, send(approver, "POST", "/api/v1/promotions/" + requestId + "/approve", "{}").statusCode());
        assertEquals("Production", mlflow.getModelVersion(model, "1").getCurrentStage());

        // The stage aliases follow the stages and cannot be set; other aliases are free.
        JsonNode production = body(send(viewer, "GET", "/api/2.0/mlflow/registered-models/alias?name=" + model
                + "&alias=production", null));
        assertEquals("1", production.path("model_version").path("version").asText());
        assertError(post(scientist, "registered-models/alias", "{\"name\": \"" + model + "\", \"alias\": \"production\", "
                + "\"version\": \"2\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertEquals(200, post(scientist, "registered-models/alias", "{\"name\": \"" + model + "\", \"alias\": \"challenger\", "
                + "\"version\": \"2\"}").statusCode());
        JsonNode registered = body(send(viewer, "GET", "/api/2.0/mlflow/registered-models/get?name=" + model, null));
        assertTrue(registered.toString().contains("{\"alias\":\"challenger\",\"version\":\"2\"}"), registered.toString());
        assertTrue(registered.toString().contains("{\"alias\":\"production\",\"version\":\"1\"}"), registered.toString());

        // Archiving is an administrator's move; names are permanent; a model with versions is kept.
        assertError(post(scientist, "model-versions/transition-stage",
                "{\"name\": \"" + model + "\", \"version\": \"2\", \"stage\": \"Archived\"}"), 403, "PERMISSION_DENIED");
        assertError(post(scientist, "registered-models/rename", "{\"name\": \"" + model + "\", \"new_name\": \"x\"}"),
                400, "INVALID_PARAMETER_VALUE");
        assertError(send(scientist, "DELETE", "/api/2.0/mlflow/registered-models/delete", "{\"name\": \"" + model + "\"}"),
                400, "INVALID_PARAMETER_VALUE");
        assertEquals(200, send(scientist, "PATCH", "/api/2.0/mlflow/model-versions/update",
                "{\"name\": \"" + model + "\", \"version\": \"2\", \"description\": \"weaker\"}").statusCode());
        assertEquals("weaker", mlflow.getModelVersion(model, "2").getDescription());
    }

    @Test
    void aModelWithoutValidatedOrProductionVersionsIsDeletedWithItsHistoryAndAudited() throws Exception {
        Users.Login scientist = Users.create(SERVER, "contributor");
        MlflowClient mlflow = new MlflowClient(new BasicMlflowHostCreds(SERVER.baseUrl(), scientist.username(),
                scientist.password()));
        String experimentId = mlflow.createExperiment("mlflow-delete-" + UUID.randomUUID());
        String run = endedRun(mlflow, scientist, experimentId, 0.7);
        String model = "mlflow-doomed-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(200, post(scientist, "registered-models/create", "{\"name\": \"" + model + "\"}").statusCode());
        assertEquals(200, post(scientist, "model-versions/create", "{\"name\": \"" + model + "\", \"source\": \"runs:/"
                + run + "/model\"}").statusCode());
        assertEquals(200, post(scientist, "registered-models/set-tag", "{\"name\": \"" + model
                + "\", \"key\": \"k\", \"value\": \"v\"}").statusCode());

        assertEquals(200, send(scientist, "DELETE", "/api/2.0/mlflow/registered-models/delete?name=" + model, null).statusCode());
        assertError(send(scientist, "GET", "/api/2.0/mlflow/registered-models/get?name=" + model, null), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertEquals(404, send(scientist, "GET", "/api/v1/models/" + model, null).statusCode());
        String events = send(scientist, "GET", "/api/v1/audit?action=model.delete&target=" + model, null).body();
        assertTrue(events.contains("\"actor\":\"" + scientist.username() + "\""), events);
        String verify = send(new Users.Login("admin", RunvaultServer.ADMIN_PASSWORD), "POST", "/api/v1/audit/verify", "{}").body();
        assertTrue(verify.contains("\"intact\":true"), verify);
        assertEquals(200, send(scientist, "GET", "/api/v1/runs/" + tag(body(send(scientist, "GET",
                "/api/2.0/mlflow/runs/get?run_id=" + run, null)).path("run").path("data"), "runvault.run_id"), null).statusCode(),
                "the run stays");
    }

    /** A finished MLflow run with val_auc and an MLflow model folder among its artifacts. */
    private String endedRun(MlflowClient mlflow, Users.Login user, String experimentId, double auc) throws Exception {
        String runId = mlflow.createRun(experimentId).getRunId();
        mlflow.logMetric(runId, "val_auc", auc);
        String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/model/";
        assertEquals(200, send(user, "PUT", root + "MLmodel", "flavors: {}").statusCode());
        assertEquals(200, send(user, "PUT", root + "model.onnx", "not really onnx").statusCode());
        mlflow.setTerminated(runId, RunStatus.FINISHED);
        return runId;
    }

    private static String tag(JsonNode version, String key) {
        for (JsonNode tag : version.path("tags")) {
            if (tag.path("key").asText().equals(key)) {
                return tag.path("value").asText();
            }
        }
        throw new AssertionError("no tag " + key + " in " + version);
    }

    private HttpResponse<String> post(Users.Login user, String endpoint, String body) throws Exception {
        return send(user, "POST", "/api/2.0/mlflow/" + endpoint, body);
    }

    private HttpResponse<String> send(Users.Login user, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path))
                .header("Authorization", user.authorization())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, body(response).path("error_code").asText(), response.body());
    }
}
