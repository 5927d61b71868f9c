package io.runvault.datasets;

import io.runvault.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The appliance's decoded-dataset cache under {@code RUNVAULT_DATA/cache/datasets} (RUNVAULT_DATASETS_CACHE_MAX_BYTES). */
@ApplicationScoped
public class DecodedDatasetCacheProducer {

    @Inject
    Settings settings;

    @Inject
    @ConfigProperty(name = "runvault.datasets.cache-max-bytes", defaultValue = "4294967296")
    long maxBytes;

    @Produces
    @Singleton
    DecodedDatasetCache cache() {
        return new DecodedDatasetCache(settings.dataDirectory().resolve("cache").resolve("datasets"), Math.max(0, maxBytes),
                Clock.systemUTC());
    }
}
