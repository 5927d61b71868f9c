package io.runvault.store;

import java.util.Set;

/**
 * Implemented by the features that point at blobs (runs), so that a scrub can report referenced
 * digests the store lacks without the store knowing those features' tables.
 */
public interface BlobReferences {

    Set<Digest> referencedDigests();
}
