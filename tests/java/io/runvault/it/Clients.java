package io.runvault.it;

import io.runvault.client.ApiClient;
import java.net.URI;

/** Generated clients (from openapi/registry.yaml) pointed at a running server. */
public final class Clients {

    private Clients() {
    }

    public static ApiClient as(RunvaultServer server, String authorization) {
        ApiClient client = new ApiClient();
        URI base = URI.create(server.baseUrl());
        client.setScheme(base.getScheme());
        client.setHost(base.getHost());
        client.setPort(base.getPort());
        client.setBasePath("");
        if (authorization != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return client;
    }

    public static ApiClient admin(RunvaultServer server) {
        return as(server, RunvaultServer.adminAuthorization());
    }
}
