package io.runvault.datasets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dataset registry's configuration: where administrators may import from, and the size limits
 * of one dataset (environment variables RUNVAULT_IMPORT_ROOTS, RUNVAULT_DATASETS_MAX_*).
 */
@ApplicationScoped
public class DatasetSettings {

    @Inject
    @ConfigProperty(name = "RUNVAULT_IMPORT_ROOTS")
    Optional<String> importRoots;

    @Inject
    @ConfigProperty(name = "runvault.datasets.max-upload-bytes", defaultValue = "1073741824")
    long maxUploadBytes;

    @Inject
    @ConfigProperty(name = "runvault.datasets.max-unpacked-bytes", defaultValue = "1073741824")
    long maxUnpackedBytes;

    @Inject
    @ConfigProperty(name = "runvault.datasets.max-entries", defaultValue = "1000000")
    int maxEntries;

    /** The share of the heap one dataset read may hold (datasets are read one at a time). */
    @Inject
    @ConfigProperty(name = "runvault.datasets.max-heap-fraction", defaultValue = "0.5")
    double maxHeapFraction;

    /** The configured import roots ({@code :}-separated absolute paths); empty when import is off. */
    public List<Path> importRoots() {
        return importRoots.map(value -> Arrays.stream(value.split(":")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList()).orElse(List.of());
    }

    /** The limits of one dataset; the bytes it may hold in memory are also capped at a share of the heap. */
    public DatasetLimits limits() {
        double fraction = maxHeapFraction > 0 && maxHeapFraction <= 1 ? maxHeapFraction : 0.5;
        long heapShare = Math.max(1, (long) (Runtime.getRuntime().maxMemory() * fraction));
        return new DatasetLimits(maxUploadBytes, Math.min(maxUnpackedBytes, heapShare), maxEntries);
    }
}
