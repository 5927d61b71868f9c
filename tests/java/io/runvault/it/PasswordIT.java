package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.api.AuditApi;
import io.runvault.client.api.TokensApi;
import io.runvault.client.api.UsersApi;
import io.runvault.client.model.AuditEvent;
import io.runvault.client.model.TokenRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users change their passwords, administrators reset them, and disabling a user ends their tokens. */
class PasswordIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> put(RunvaultServer server, String path, String authorization, String json)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int whoAmI(RunvaultServer server, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/users/me"))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertTrue(response.body().contains(type), response.body());
    }

    @Test
    void aUserChangesTheirOwnPasswordAndTheOldOneStopsWorking() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        assertEquals(200, whoAmI(SERVER, person.authorization()));
        String newPassword = "changed-" + person.password();
        HttpResponse<String> changed = put(SERVER, "/api/v1/users/me/password", person.authorization(),
                "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"" + newPassword + "\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertFalse(changed.body().contains(newPassword));
        assertEquals(401, whoAmI(SERVER, person.authorization()), "the old password, though remembered, is gone");
        assertEquals(200, whoAmI(SERVER, RunvaultServer.basic(person.username(), newPassword)));
        List<AuditEvent> trail = new AuditApi(Clients.admin(SERVER))
                .queryAudit("user.password", null, null, null, 10, "asc", person.username(), null).getItems();
        assertEquals(1, trail.size());
        assertEquals(person.username(), trail.get(0).getActor());
    }

    @Test
    void badPasswordChangesAreRefusedAndChangeNothing() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        String me = "/api/v1/users/me/password";
        assertProblem(put(SERVER, me, person.authorization(),
                "{\"currentPassword\":\"not-the-password\",\"newPassword\":\"a-long-enough-password\"}"), 403, "wrong-password");
        assertProblem(put(SERVER, me, person.authorization(),
                "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"short\"}"), 400, "weak-password");
        assertProblem(put(SERVER, me, person.authorization(),
                "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"\"}"), 400, "weak-password");
        assertProblem(put(SERVER, me, person.authorization(), "{\"newPassword\":\"a-long-enough-password\"}"),
                400, "bad-password-change");
        assertProblem(put(SERVER, me, person.authorization(), "{}"), 400, "bad-password-change");
        assertEquals(200, whoAmI(SERVER, person.authorization()), "the password is unchanged");
        assertEquals(401, whoAmI(SERVER, RunvaultServer.basic(person.username(), "a-long-enough-password")));
    }

    @Test
    void anAdministratorResetsAPasswordAndOnlyAnAdministratorMay() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        Users.Login other = Users.create(SERVER, "approver", "contributor");
        String path = "/api/v1/users/" + person.username() + "/password";
        assertProblem(put(SERVER, path, other.authorization(), "{\"newPassword\":\"set-by-someone-else\"}"), 403, "");
        assertProblem(put(SERVER, path, RunvaultServer.adminAuthorization(), "{\"newPassword\":\"short\"}"), 400, "weak-password");
        assertProblem(put(SERVER, path, RunvaultServer.adminAuthorization(), "{}"), 400, "bad-password-reset");
        assertProblem(put(SERVER, "/api/v1/users/nobody-here-at-all/password", RunvaultServer.adminAuthorization(),
                "{\"newPassword\":\"a-long-enough-password\"}"), 404, "user-not-found");
        assertEquals(200, whoAmI(SERVER, person.authorization()), "nothing changed so far");

        HttpResponse<String> reset = put(SERVER, path, RunvaultServer.adminAuthorization(),
                "{\"newPassword\":\"reset-by-the-administrator\"}");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(401, whoAmI(SERVER, person.authorization()));
        assertEquals(200, whoAmI(SERVER, RunvaultServer.basic(person.username(), "reset-by-the-administrator")));
        List<AuditEvent> trail = new AuditApi(Clients.admin(SERVER))
                .queryAudit("user.password", null, null, null, 10, "asc", person.username(), null).getItems();
        assertEquals(List.of("admin"), trail.stream().map(AuditEvent::getActor).toList());
    }

    @Test
    void disablingAUserRevokesTheirTokensForGood() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        String bearer = "Bearer " + new TokensApi(Clients.as(SERVER, person.authorization()))
                .createToken(new TokenRequest().name("pipeline")).getToken();
        assertEquals(200, whoAmI(SERVER, bearer));
        UsersApi users = new UsersApi(Clients.admin(SERVER));
        users.disableUser(person.username());
        users.enableUser(person.username());
        assertEquals(401, whoAmI(SERVER, bearer), "re-enabling does not revive the token");
        assertEquals(200, whoAmI(SERVER, person.authorization()), "the password works again");
        assertTrue(new TokensApi(Clients.as(SERVER, person.authorization())).listTokens().stream()
                .allMatch(t -> t.getRevokedAt() != null));
    }

    @Test
    void aGeneratedAdministratorPasswordIsInAnOwnerOnlyFileAndNotInTheLog() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("generated-admin", Map.of("RUNVAULT_ADMIN_PASSWORD", ""))) {
            Path file = server.dataDirectory().resolve("admin-password");
            assertTrue(Files.isRegularFile(file), "the password is left in " + file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String password = Files.readString(file).strip();
            assertTrue(password.length() >= 16, "a generated password of " + password.length() + " characters");
            assertEquals(200, whoAmI(server, RunvaultServer.basic("admin", password)));
            String messages = Files.readString(server.dataDirectory().resolve("logs/messages.log"));
            assertFalse(messages.contains(password), "messages.log holds the password");
            assertFalse(server.log().contains(password), "the console log holds the password");
            assertTrue(messages.contains(file.toString()), "the log says where the password is");
        }
    }
}
