package io.runvault.store;

import io.runvault.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** The one blob store of the appliance, under {@code RUNVAULT_DATA/blobs} (a singleton: BlobStore is final, so unproxied). */
@ApplicationScoped
public class BlobStoreProducer {

    @Inject
    Settings settings;

    @Produces
    @Singleton
    BlobStore blobStore() {
        return new BlobStore(settings.dataDirectory().resolve("blobs"));
    }
}
