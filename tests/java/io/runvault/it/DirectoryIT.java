package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiException;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.PromotionsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.api.TokensApi;
import io.runvault.client.api.UsersApi;
import io.runvault.client.model.NewModel;
import io.runvault.client.model.NewModelVersion;
import io.runvault.client.model.PromotionAsk;
import io.runvault.client.model.PromotionRequest;
import io.runvault.client.model.TokenRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users of the server's own registry (LDAP in production; a basic registry stands in for it here,
 * through the same site configuration file and the same code path) log in with roles from their groups.
 * Like most LDAP directories it matches names regardless of case: one entry, one appliance user.
 */
class DirectoryIT {

    private static RunvaultServer server;

    @BeforeAll
    static void startWithARegistry() throws Exception {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-directory-");
        Files.createDirectories(data.resolve("config"));
        Files.writeString(data.resolve("config/site.xml"), """
                <server>
                  <basicRegistry id="directory" realm="corp" ignoreCaseForAuthentication="true">
                    <user name="alice" password="alice-directory-pw"/>
                    <user name="bob" password="bob-directory-pw"/>
                    <user name="carol" password="carol-directory-pw"/>
                    <user name="dave" password="dave-directory-pw"/>
                    <user name="erin" password="erin-directory-pw"/>
                    <group name="ml-team"><member name="alice"/><member name="bob"/><member name="dave"/><member name="erin"/></group>
                    <group name="ml-reviewers"><member name="bob"/></group>
                    <group name="finance"><member name="carol"/></group>
                  </basicRegistry>
                </server>
                """);
        server = new RunvaultServer(data, SuiteDatabase.fresh(), Map.of(
                "RUNVAULT_DIRECTORY", "liberty",
                "RUNVAULT_ROLE_GROUPS", "viewer=ml-team;contributor=ml-team;approver=ml-reviewers")).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static int status(Callable<?> call) throws Exception {
        try {
            call.call();
            return 200;
        } catch (ApiException e) {
            return e.getCode();
        }
    }

    private static io.runvault.client.ApiClient as(String user, String password) {
        return Clients.as(server, RunvaultServer.basic(user, password));
    }

    @Test
    void registryUsersGetTheRolesTheirGroupsMapTo() throws Exception {
        new ModelsApi(as("alice", "alice-directory-pw")).createModel(new NewModel().name("directory-model").description(""));
        assertEquals(List.of("contributor", "viewer"),
                new UsersApi(Clients.admin(server)).getUser("alice").getRoles().stream().sorted().toList());
        new RunsApi(as("bob", "bob-directory-pw")).searchRuns(null, null, null, null, null, null, null, null);
        assertEquals(List.of("approver", "contributor", "viewer"),
                new UsersApi(Clients.admin(server)).getUser("bob").getRoles().stream().sorted().toList());
        assertEquals(403, status(() -> new UsersApi(as("alice", "alice-directory-pw")).listUsers()), "no admin group, no admin");
    }

    @Test
    void wrongPasswordsAndUsersWithoutAMappedGroupAreRefused() throws Exception {
        assertEquals(401, status(() -> new ModelsApi(as("alice", "not-her-password")).listModels()));
        assertEquals(401, status(() -> new ModelsApi(as("carol", "carol-directory-pw")).listModels()),
                "carol's only group gives no role");
        assertEquals(401, status(() -> new ModelsApi(as("mallory", "whatever-password")).listModels()));
        assertTrue(new UsersApi(Clients.admin(server)).listUsers().stream().noneMatch(u -> u.getUsername().equals("carol")));
    }

    @Test
    void registryUsersCanHoldTokensAndAnAdministratorCanStillDisableThem() throws Exception {
        String token = new TokensApi(as("dave", "dave-directory-pw")).createToken(new TokenRequest().name("pipeline")).getToken();
        assertEquals(200, status(() -> new ModelsApi(Clients.as(server, "Bearer " + token)).listModels()));
        new UsersApi(Clients.admin(server)).disableUser("dave");
        assertEquals(401, status(() -> new ModelsApi(as("dave", "dave-directory-pw")).listModels()));
        assertEquals(401, status(() -> new ModelsApi(Clients.as(server, "Bearer " + token)).listModels()));
    }

    /**
     * Liberty's batch REST API would let any directory user (even one without a role) list, stop,
     * restart and purge jobs, past the appliance's roles and audit log: it is not served.
     */
    @Test
    void theServersBatchRestApiIsNotServedToAnyone() throws Exception {
        // Liberty serves /ibm/api on HTTPS only (HTTP redirects there, and clients drop the
        // credentials on a redirect to another origin): ask there directly.
        HttpClient http = SelfSignedTls.client().build();
        for (String authorization : List.of(RunvaultServer.basic("carol", "carol-directory-pw"),
                RunvaultServer.basic("alice", "alice-directory-pw"), RunvaultServer.adminAuthorization())) {
            for (String path : List.of("/ibm/api/batch/jobinstances", "/ibm/api/batch/jobexecutions")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + path))
                        .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(List.of(401, 403, 404, 429).contains(response.statusCode()),
                        path + " answered " + response.statusCode() + ": " + response.body());
                assertFalse(response.body().contains("instanceId"), response.body());
            }
            HttpResponse<String> purge = http.send(HttpRequest.newBuilder(URI.create(server.httpsUrl() + "/ibm/api/batch/jobinstances?purgeJobStoreOnly=true"))
                    .header("Authorization", authorization).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            // The appliance answers /ibm/api itself (Liberty's endpoints are on loopback only), so the
            // credentials are checked first, and this class's earlier wrong passwords may get them
            // throttled (429): a refusal all the same.
            assertTrue(List.of(401, 403, 404, 405, 429).contains(purge.statusCode()), "purge answered " + purge.statusCode());
            assertFalse(purge.body().contains("instanceId"), purge.body());
        }
    }

    @Test
    void theLocalAdministratorStillLogsIn() throws Exception {
        assertEquals(200, status(() -> new UsersApi(Clients.admin(server)).listUsers()));
    }

    @Test
    void aCaseVariantOfTheRequesterCannotApproveTheirOwnProductionRequest() throws Exception {
        String model = "directory-four-eyes-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        io.runvault.client.ApiClient alice = as("alice", "alice-directory-pw");
        new ModelsApi(alice).createModel(new NewModel().name(model).description(""));
        Runs pipeline = new Runs(alice);
        String run = pipeline.commit(pipeline.manifest("four-eyes", Map.of("exports/model.onnx", Blobs.random(500, 41)))
                .putMetricsItem("val_auc", 0.95)).getId();
        int version = new ModelsApi(alice).createModelVersion(model,
                new NewModelVersion().runId(run).path("exports/model.onnx")).getVersion();
        PromotionsApi bob = new PromotionsApi(as("bob", "bob-directory-pw"));
        assertEquals("applied", bob.requestPromotion(new PromotionAsk().model(model).version(version)
                .targetStage("validated").reason("gates pass")).getStatus());
        PromotionRequest production = bob.requestPromotion(new PromotionAsk().model(model).version(version)
                .targetStage("production").reason("ready"));
        assertEquals("pending", production.getStatus());

        assertEquals(403, status(() -> new PromotionsApi(as("BOB", "bob-directory-pw")).approvePromotion(production.getId())),
                "BOB is bob: the requester may not approve");
        assertEquals(403, status(() -> new PromotionsApi(as("Bob", "bob-directory-pw")).approvePromotion(production.getId())));
        assertEquals("validated", new ModelsApi(alice).getModelVersion(model, version).getStage());
        assertTrue(new UsersApi(Clients.admin(server)).listUsers().stream()
                .noneMatch(u -> u.getUsername().equals("BOB") || u.getUsername().equals("Bob")), "no second user for bob");
    }

    @Test
    void aCaseVariantCannotLogInAfterTheUserWasDisabled() throws Exception {
        assertEquals(200, status(() -> new ModelsApi(as("erin", "erin-directory-pw")).listModels()));
        new UsersApi(Clients.admin(server)).disableUser("erin");
        assertEquals(401, status(() -> new ModelsApi(as("erin", "erin-directory-pw")).listModels()));
        assertEquals(401, status(() -> new ModelsApi(as("Erin", "erin-directory-pw")).listModels()));
        assertEquals(401, status(() -> new ModelsApi(as("ERIN", "erin-directory-pw")).listModels()));
        assertTrue(new UsersApi(Clients.admin(server)).listUsers().stream()
                .noneMatch(u -> u.getUsername().equals("Erin") || u.getUsername().equals("ERIN")), "no second user for erin");
    }

    @Test
    void aDirectoryUsersPasswordCannotBeChangedInTheAppliance() throws Exception {
        assertEquals(200, status(() -> new ModelsApi(as("alice", "alice-directory-pw")).listModels()));
        java.net.http.HttpResponse<String> reset = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/v1/users/alice/password"))
                        .header("Authorization", RunvaultServer.adminAuthorization())
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"newPassword\":\"a-long-enough-password\"}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(409, reset.statusCode(), reset.body());
        assertTrue(reset.body().contains("directory-managed"), reset.body());
        assertEquals(200, status(() -> new ModelsApi(as("alice", "alice-directory-pw")).listModels()));
    }
}
