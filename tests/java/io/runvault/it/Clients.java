package io.runvault.it;

import io.runvault.client.ApiClient;

/** Generated clients (from openapi/registry.yaml) pointed at a running server. */
public final class Clients {

    private Clients() {
    }

    public static ApiClient as(RunvaultServer server, String authorization) {
        ApiClient client = new ApiClient();
        client.setBasePath(server.baseUrl());
        if (authorization != null) {
            client.addDefaultHeader("Authorization", authorization);
        }
        return client;
    }

    public static ApiClient admin(RunvaultServer server) {
        return as(server, RunvaultServer.adminAuthorization());
    }
}
