package io.runvault.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Prometheus counters of blob bytes received and served. */
@ApplicationScoped
public class BlobTraffic {

    @Inject
    MetricRegistry registry;

    @jakarta.annotation.PostConstruct
    void register() {
        // Both series exist from the first scrape on, at zero, so rates need no special case.
        counter("runvault_blob_bytes_in");
        counter("runvault_blob_bytes_out");
    }

    public void received(long bytes) {
        counter("runvault_blob_bytes_in").inc(bytes);
    }

    public void served(long bytes) {
        counter("runvault_blob_bytes_out").inc(bytes);
    }

    private Counter counter(String name) {
        return registry.counter(name);
    }
}
