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

    /** The configured import roots ({@code :}-separated absolute paths); empty when import is off. */
    public List<Path> importRoots() {
        return importRoots.map(value -> Arrays.stream(value.split(":")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).toList()).orElse(List.of());
    }

    public DatasetLimits limits() {
        return new DatasetLimits(maxUploadBytes, maxUnpackedBytes, maxEntries);
    }
}
