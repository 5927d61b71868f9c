package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.PoliciesApi;
import io.runvault.client.api.PromotionsApi;
import io.runvault.client.model.Decision;
import io.runvault.client.model.Gate;
import io.runvault.client.model.ModelCard;
import io.runvault.client.model.ModelVersion;
import io.runvault.client.model.NewModel;
import io.runvault.client.model.NewModelVersion;
import io.runvault.client.model.PromotionAsk;
import io.runvault.client.model.PromotionPolicy;
import io.runvault.client.model.PromotionRequest;
import io.runvault.client.model.RunManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** raw -> validated -> production with gates, evidence and four eyes, as a team promoting models works. */
class PromotionIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final PoliciesApi policies = new PoliciesApi(Clients.admin(SERVER));
    private Users.Login scientist;
    private Users.Login reviewer;
    private Users.Login secondReviewer;
    private String model;

    @BeforeEach
    void registerModel() throws Exception {
        scientist = Users.create(SERVER, "contributor");
        reviewer = Users.create(SERVER, "approver");
        secondReviewer = Users.create(SERVER, "approver");
        model = "fashion-" + UUID.randomUUID().toString().substring(0, 8);
        new ModelsApi(as(scientist)).createModel(new NewModel().name(model).description("Fashion-MNIST classifier"));
        policies.setPolicy(model, new PromotionPolicy()
                .validated(List.of(new Gate().kind("metric").expression("val_auc >= 0.90"),
                        new Gate().kind("files").paths(List.of("exports/model.onnx", "figures/*.png"))))
                .production(List.of(new Gate().kind("no-regression").metric("val_auc").tolerance(0.01))));
    }

    private static ApiClient as(Users.Login login) {
        return Clients.as(SERVER, login.authorization());
    }

    private int version(double auc, boolean withFigure) throws Exception {
        Runs pipeline = new Runs(as(scientist));
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("exports/model.onnx", Blobs.random(1000, (long) (auc * 1e6)));
        if (withFigure) {
            files.put("figures/confusion_matrix.png", Blobs.random(500, (long) (auc * 1e6) + 1));
        }
        RunManifest manifest = pipeline.manifest("promotion-" + model, files).putMetricsItem("val_auc", auc)
                .putParamsItem("nonce", UUID.randomUUID().toString());
        String run = pipeline.commit(manifest).getId();
        ModelVersion created = new ModelsApi(as(scientist)).createModelVersion(model,
                new NewModelVersion().runId(run).path("exports/model.onnx"));
        assertEquals("raw", created.getStage());
        return created.getVersion();
    }

    private PromotionRequest ask(Users.Login who, int version, String stage) throws ApiException {
        return new PromotionsApi(as(who)).requestPromotion(new PromotionAsk().model(model).version(version)
                .targetStage(stage).reason("metrics look right"));
    }

    private static int status(Callable<?> call) throws Exception {
        try {
            call.call();
            return 200;
        } catch (ApiException e) {
            return e.getCode();
        }
    }

    @Test
    void aVersionGoesToProductionWithPassingGatesAndAnotherPersonsApproval() throws Exception {
        int first = version(0.95, true);
        PromotionRequest validated = ask(scientist, first, "validated");
        assertEquals("applied", validated.getStatus());
        assertTrue(validated.getEvidence().stream().allMatch(e -> e.getPassed()));
        assertEquals(2, validated.getEvidence().size());

        PromotionRequest production = ask(scientist, first, "production");
        assertEquals("pending", production.getStatus());
        assertEquals(403, status(() -> new PromotionsApi(as(scientist)).approvePromotion(production.getId())),
                "a contributor is no approver");
        new PromotionsApi(as(reviewer)).approvePromotion(production.getId());
        assertEquals("production", new ModelsApi(as(scientist)).getModelVersion(model, first).getStage());

        // The trail: the request with its gate results, then the approval by the reviewer.
        var trail = new io.runvault.client.api.AuditApi(Clients.admin(SERVER))
                .queryAudit(null, null, null, null, 10, "asc", production.getId(), null).getItems();
        assertEquals(List.of("promotion.request", "promotion.approve"), trail.stream().map(e -> e.getAction()).toList());
        assertEquals(List.of(scientist.username(), reviewer.username()), trail.stream().map(e -> e.getActor()).toList());
        assertTrue(String.valueOf(trail.get(0).getDetails()).contains("no-regression"), String.valueOf(trail.get(0).getDetails()));
        assertTrue(new io.runvault.client.api.AuditApi(Clients.admin(SERVER)).verifyAudit().getIntact());

        // A second version replaces it: the old one is archived in the same step.
        int second = version(0.955, true);
        ask(scientist, second, "validated");
        PromotionRequest replace = ask(scientist, second, "production");
        new PromotionsApi(as(secondReviewer)).approvePromotion(replace.getId());
        assertEquals("production", new ModelsApi(as(scientist)).getModelVersion(model, second).getStage());
        ModelVersion old = new ModelsApi(as(scientist)).getModelVersion(model, first);
        assertEquals("archived", old.getStage());
        assertEquals(List.of("raw", "validated", "production", "archived"),
                old.getHistory().stream().map(t -> t.getTo()).toList(), "history is kept, never rewritten");
        assertEquals(1, new ModelsApi(as(scientist)).getModel(model).getVersions().stream()
                .filter(v -> v.getStage().equals("production")).count());
    }

    @Test
    void theModelCardGathersLineageEvidenceApprovalsAndHistory() throws Exception {
        Runs pipeline = new Runs(as(scientist));
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("exports/model.onnx", Blobs.random(1000, 77));
        files.put("figures/confusion_matrix.png", Blobs.random(500, 78));
        RunManifest manifest = pipeline.manifest("card-" + model, files).putMetricsItem("val_auc", 0.97)
                .putParamsItem("learning_rate", 0.001).putTagsItem("note", "| <script>alert(1)</script> **bold**");
        String run = pipeline.commit(manifest).getId();
        int number = new ModelsApi(as(scientist)).createModelVersion(model,
                new NewModelVersion().runId(run).path("exports/model.onnx")).getVersion();
        ask(scientist, number, "validated");
        PromotionRequest production = ask(scientist, number, "production");
        new PromotionsApi(as(reviewer)).approvePromotion(production.getId());

        ModelCard card = new ModelsApi(as(scientist)).getModelCard(model, number);
        assertEquals("production", card.getStage());
        assertEquals(run, card.getRunId());
        assertEquals("exports/model.onnx", card.getFile().getPath());
        assertEquals(files.get("exports/model.onnx").length, card.getFile().getSize());
        assertEquals(0.97, card.getMetrics().get("val_auc"));
        assertEquals(List.of("validated", "production"), card.getPromotions().stream().map(p -> p.getTargetStage()).toList());
        assertEquals(2, card.getPromotions().get(0).getEvidence().size(), "the validated gates' evidence is on the card");
        assertEquals(List.of(reviewer.username()), card.getApprovals().stream().map(a -> a.getApprovedBy()).toList());
        assertEquals(List.of("raw", "validated", "production"), card.getHistory().stream().map(t -> t.getTo()).toList());

        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(SERVER.baseUrl() + "/api/v1/cards/" + model + "/" + number + "/markdown"))
                .header("Authorization", scientist.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"),
                response.headers().toString());
        String markdown = response.body();
        assertTrue(markdown.startsWith("# " + model + " version " + number), markdown);
        assertTrue(markdown.contains("| val\\_auc | 0.97 |"), markdown);
        assertTrue(markdown.contains("approved request " + production.getId()), markdown);
        assertTrue(markdown.contains("\\| &lt;script\\>alert\\(1\\)&lt;/script\\> \\*\\*bold\\*\\*"),
                "user text is escaped, not markup: " + markdown);
        assertEquals(404, status(() -> new ModelsApi(as(scientist)).getModelCard(model, number + 100)));
    }

    @Test
    void failingGatesRefuseWithTheEvidenceAndChangeNoStage() throws Exception {
        int weak = version(0.85, false);
        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> ask(scientist, weak, "validated"));
        assertEquals(422, refused.getCode());
        assertTrue(refused.getResponseBody().contains("val_auc = 0.85"), refused.getResponseBody());
        assertTrue(refused.getResponseBody().contains("missing: figures/*.png"), refused.getResponseBody());
        // "passed" is a JSON boolean, as in GET /promotions/{id}: a client treating "false" as truthy must not see a string.
        String compact = refused.getResponseBody().replaceAll("\\s+", "");
        assertTrue(compact.contains("\"passed\":false"), refused.getResponseBody());
        assertTrue(!compact.contains("\"passed\":\""), refused.getResponseBody());
        assertTrue(compact.contains("\"requestId\":\""), refused.getResponseBody());
        assertEquals("raw", new ModelsApi(as(scientist)).getModelVersion(model, weak).getStage());
        assertEquals("refused", new PromotionsApi(as(scientist)).listPromotions(model, "refused").get(0).getStatus());
    }

    @Test
    void illegalTransitionsAndBadRequestsAreRefused() throws Exception {
        int version = version(0.95, true);
        assertEquals(409, status(() -> ask(scientist, version, "production")), "raw -> production");
        assertEquals(400, status(() -> ask(scientist, version, "gold")));
        assertEquals(404, status(() -> ask(scientist, 99, "validated")));
        assertEquals(400, status(() -> new PromotionsApi(as(scientist)).requestPromotion(new PromotionAsk().model(model)
                .version(version).targetStage("validated").reason("x".repeat(2001)))));
        assertEquals(400, status(() -> policies.setPolicy(model, new PromotionPolicy()
                .validated(List.of(new Gate().kind("metric").expression("val_auc >>= high"))))));
        assertEquals(400, status(() -> policies.setPolicy(model, new PromotionPolicy()
                .validated(List.of(new Gate().kind("astrology"))))));
        assertEquals("val_auc >= 0.90", policies.getPolicy(model).getValidated().get(0).getExpression(),
                "a refused policy changes nothing");
        assertEquals(422, status(() -> new ModelsApi(as(scientist)).createModelVersion(model,
                new NewModelVersion().runId("blake2b:" + "0".repeat(64)).path("exports/model.onnx"))));
        assertEquals(409, status(() -> new ModelsApi(as(scientist)).createModel(new NewModel().name(model))));
        assertEquals(400, status(() -> new ModelsApi(as(scientist)).createModel(new NewModel().name("Bad Name!"))));
    }

    @Test
    void theRunsCreatorCannotApproveAndRejectionNeedsAReason() throws Exception {
        int version = version(0.95, true);
        ask(scientist, version, "validated");
        // The request comes from another contributor; the approver made the run: still four eyes.
        Users.Login approverWhoCommits = Users.create(SERVER, "approver", "contributor");
        Runs pipeline = new Runs(as(approverWhoCommits));
        String run = pipeline.commit(pipeline.manifest("promotion-" + model, Map.of(
                "exports/model.onnx", Blobs.random(800, 5), "figures/a.png", Blobs.random(80, 6)))
                .putMetricsItem("val_auc", 0.97)).getId();
        int own = new ModelsApi(as(scientist)).createModelVersion(model,
                new NewModelVersion().runId(run).path("exports/model.onnx")).getVersion();
        ask(scientist, own, "validated");
        PromotionRequest pending = ask(scientist, own, "production");
        ApiException fourEyes = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> new PromotionsApi(as(approverWhoCommits)).approvePromotion(pending.getId()));
        assertEquals(403, fourEyes.getCode());
        assertTrue(fourEyes.getResponseBody().contains("four-eyes"));

        assertEquals(400, status(() -> new PromotionsApi(as(reviewer)).rejectPromotion(pending.getId(), new Decision())));
        PromotionRequest rejected = new PromotionsApi(as(reviewer)).rejectPromotion(pending.getId(),
                new Decision().reason("needs robustness results"));
        assertEquals("rejected", rejected.getStatus());
        assertEquals(409, status(() -> new PromotionsApi(as(secondReviewer)).approvePromotion(pending.getId())));
        assertEquals("validated", new ModelsApi(as(scientist)).getModelVersion(model, own).getStage());
    }

    @Test
    void concurrentApprovalsLeaveExactlyOneProductionVersion() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int version = version(0.95 + i / 1000.0, true);
            ask(scientist, version, "validated");
            requests.add(ask(scientist, version, "production").getId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (String id : requests) {
            outcomes.add(pool.submit(() -> status(() -> new PromotionsApi(as(reviewer)).approvePromotion(id))));
        }
        int approved = 0;
        for (Future<Integer> outcome : outcomes) {
            int code = outcome.get();
            assertTrue(code == 200 || code == 409, "status " + code);
            approved += code == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertTrue(approved >= 1);
        assertEquals(1, new ModelsApi(as(scientist)).getModel(model).getVersions().stream()
                .filter(v -> v.getStage().equals("production")).count());
    }
}
