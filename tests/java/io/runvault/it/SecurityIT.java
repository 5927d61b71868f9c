package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.client.ApiException;
import io.runvault.client.api.RunsApi;
import io.runvault.client.api.TokensApi;
import io.runvault.client.api.UsersApi;
import io.runvault.client.model.IssuedToken;
import io.runvault.client.model.NewUser;
import io.runvault.client.model.RoleChange;
import io.runvault.client.model.Token;
import io.runvault.client.model.TokenRequest;
import io.runvault.client.model.User;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users, roles and API tokens as an administrator and a pipeline use them. */
class SecurityIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private final UsersApi users = new UsersApi(Clients.admin(SERVER));

    private static int status(ThrowingCall call) {
        try {
            call.run();
            return 200;
        } catch (ApiException e) {
            return e.getCode();
        }
    }

    private interface ThrowingCall {
        void run() throws ApiException;
    }

    @Test
    void aTokenWorksAsBearerIsShownOnceAndStopsWorkingWhenRevoked() throws Exception {
        Users.Login pipeline = Users.create(SERVER, "contributor");
        TokensApi tokens = new TokensApi(Clients.as(SERVER, pipeline.authorization()));
        IssuedToken issued = tokens.createToken(new TokenRequest().name("nightly").expiresInDays(7));
        assertTrue(issued.getToken().startsWith("rv_"));
        String bearer = "Bearer " + issued.getToken();

        User me = new UsersApi(Clients.as(SERVER, bearer)).whoAmI();
        assertEquals(pipeline.username(), me.getUsername());
        assertEquals(List.of("contributor"), me.getRoles());
        new Runs(Clients.as(SERVER, bearer)).upload("pushed with a token".getBytes());

        List<Token> listed = tokens.listTokens();
        assertEquals(1, listed.size());
        assertEquals(issued.getId(), listed.get(0).getId());
        assertNull(listed.get(0).getRevokedAt());
        assertFalse(listed.toString().contains(issued.getToken()), "the secret is never shown again");

        // Someone else cannot revoke it; its owner can.
        Users.Login other = Users.create(SERVER, "viewer");
        assertEquals(404, status(() -> new TokensApi(Clients.as(SERVER, other.authorization())).revokeToken(issued.getId())));
        tokens.revokeToken(issued.getId());
        assertEquals(401, status(() -> new UsersApi(Clients.as(SERVER, bearer)).whoAmI()));
        assertEquals(401, status(() -> new UsersApi(Clients.as(SERVER, "Bearer rv_not-a-token")).whoAmI()));
        assertEquals(400, status(() -> tokens.createToken(new TokenRequest().name("x").expiresInDays(0))));
        assertEquals(400, status(() -> tokens.createToken(new TokenRequest().name("").expiresInDays(1))));
        assertEquals(400, status(() -> tokens.createToken(new TokenRequest().name("x").expiresInDays(366))));
    }

    @Test
    void rolesDecideWhatAUserMayDoAndChangesTakeEffectAtOnce() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        Runs asPerson = new Runs(Clients.as(SERVER, person.authorization()));
        assertEquals(403, status(() -> {
            try {
                asPerson.upload("viewer bytes".getBytes());
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        users.changeUserRoles(person.username(), new RoleChange().roles(List.of("viewer", "contributor")));
        asPerson.upload("contributor bytes".getBytes());

        users.disableUser(person.username());
        assertEquals(401, status(() -> new RunsApi(Clients.as(SERVER, person.authorization()))
                .searchRuns(null, null, null, null, null, null, null, null)));
        users.enableUser(person.username());
        assertEquals(200, status(() -> new RunsApi(Clients.as(SERVER, person.authorization()))
                .searchRuns(null, null, null, null, null, null, null, null)));
    }

    @Test
    void badUserChangesAreRefusedAndChangeNothing() throws Exception {
        Users.Login existing = Users.create(SERVER, "viewer");
        assertEquals(409, status(() -> users.createUser(new NewUser().username(existing.username())
                .password("a-long-enough-password").roles(List.of("viewer")))));
        assertEquals(400, status(() -> users.createUser(new NewUser().username("shortpw").password("short")
                .roles(List.of("viewer")))));
        assertEquals(400, status(() -> users.createUser(new NewUser().username("../evil").password("a-long-enough-password")
                .roles(List.of("viewer")))));
        assertEquals(400, status(() -> users.createUser(new NewUser().username("norole").password("a-long-enough-password")
                .roles(List.of()))));
        assertEquals(400, status(() -> users.createUser(new NewUser().username("badrole").password("a-long-enough-password")
                .roles(List.of("root")))));
        assertEquals(404, status(() -> users.getUser("shortpw")));
        assertEquals(404, status(() -> users.getUser("norole")));
        assertEquals(404, status(() -> users.disableUser("nobody-at-all")));
        assertEquals(400, status(() -> users.changeUserRoles(existing.username(), new RoleChange().roles(List.of("root")))));
        assertEquals(List.of("viewer"), users.getUser(existing.username()).getRoles());
        // The built-in administrator is the only one: it can neither be disabled nor lose the role.
        assertEquals(409, status(() -> users.disableUser("admin")));
        assertEquals(409, status(() -> users.changeUserRoles("admin", new RoleChange().roles(List.of("viewer")))));
        assertTrue(users.getUser("admin").getEnabled());
    }

    @Test
    void passwordsAndTokensAreStoredOnlyAsHashes() throws Exception {
        try (RunvaultServer server = RunvaultServer.fresh("hashes", Map.of())) {
            Users.Login person = Users.create(server, "viewer");
            IssuedToken token = new TokensApi(Clients.as(server, person.authorization()))
                    .createToken(new TokenRequest().name("ci"));
            server.stop();
            try (Connection db = DriverManager.getConnection(server.jdbcUrl(), server.jdbcUser(), server.jdbcPassword())) {
                try (PreparedStatement query = db.prepareStatement("SELECT password_hash FROM app_user WHERE username = ?")) {
                    query.setString(1, person.username());
                    try (ResultSet row = query.executeQuery()) {
                        assertTrue(row.next());
                        String hash = row.getString(1);
                        assertTrue(hash.startsWith("PBKDF2WithHmacSHA256:600000:"), hash);
                        assertFalse(hash.contains(person.password()));
                    }
                }
                try (PreparedStatement query = db.prepareStatement("SELECT token_hash FROM api_token")) {
                    try (ResultSet row = query.executeQuery()) {
                        assertTrue(row.next());
                        assertTrue(row.getString(1).startsWith("blake2b:"));
                        assertFalse(row.getString(1).contains(token.getToken().substring(3)));
                    }
                }
            }
        }
    }
}
