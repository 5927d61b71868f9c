package io.runvault.store;

import java.util.HashSet;
import java.util.Set;

/**
 * Implemented by the features that point at blobs (runs, job checkpoints, datasets), so that a
 * scrub, a backup or a garbage collection knows every referenced digest without the store knowing
 * those features' tables.
 */
public interface BlobReferences {

    Set<Digest> referencedDigests();

    /** Every digest any of {@code sources} refers to (e.g. an injected {@code Instance<BlobReferences>}). */
    static Set<Digest> union(Iterable<? extends BlobReferences> sources) {
        Set<Digest> digests = new HashSet<>();
        sources.forEach(source -> digests.addAll(source.referencedDigests()));
        return digests;
    }
}
