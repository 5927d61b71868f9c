package io.runvault.database;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * A successful change made through the API is on disk before the client hears of it: after the
 * resource's transactions have committed and before the response is written.
 */
@Provider
public class DurableResponses implements ContainerResponseFilter {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Inject
    Durability durability;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (CHANGES.contains(request.getMethod()) && response.getStatus() < 400 && !changesNothing()) {
            durability.flushCommitted();
        }
    }

    private boolean changesNothing() {
        return resource != null && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(ChangesNothing.class);
    }
}
