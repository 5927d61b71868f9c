package io.runvault.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a new object can actually be written to the store. */
@Readiness
@ApplicationScoped
public class BlobStoreReadiness implements HealthCheck {

    @Inject
    BlobStore store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("blob-store").status(store.isWritable()).build();
    }
}
