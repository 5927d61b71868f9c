package io.runvault.it;

import io.runvault.client.ApiException;
import io.runvault.client.api.UsersApi;
import io.runvault.client.model.NewUser;
import java.util.List;
import java.util.UUID;

/** Creates users through the API, as an administrator would. */
public final class Users {

    private Users() {
    }

    public record Login(String username, String password) {
        public String authorization() {
            return RunvaultServer.basic(username, password);
        }
    }

    public static Login create(RunvaultServer server, String... roles) throws ApiException {
        String name = (roles.length == 0 ? "none" : String.join("-", roles)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        new UsersApi(Clients.admin(server)).createUser(new NewUser().username(name).password(password).roles(List.of(roles)));
        return new Login(name, password);
    }
}
