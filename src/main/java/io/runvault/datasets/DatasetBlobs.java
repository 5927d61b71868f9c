package io.runvault.datasets;

import io.runvault.store.BlobReferences;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;

/** A registered dataset's manifest blob and the blobs of the files it lists. */
@ApplicationScoped
public class DatasetBlobs implements BlobReferences {

    @Inject
    DatasetRegistry registry;

    @Override
    public Set<Digest> referencedDigests() {
        Set<Digest> digests = new HashSet<>();
        for (DatasetEntity dataset : registry.list()) {
            digests.add(Digest.parse(dataset.digest().trim()));
            dataset.manifest().files().forEach(file -> digests.add(file.digest()));
        }
        return digests;
    }
}
