package io.runvault.jobs.train;

import io.runvault.store.BlobReferences;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.Set;

/**
 * The last checkpoint of each training job, as the garbage collector, backup and scrub see it: a
 * stopped or crashed job restarts from it, so it is kept.
 */
@ApplicationScoped
public class CheckpointBlobs implements BlobReferences {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Override
    public Set<Digest> referencedDigests() {
        Set<Digest> digests = new HashSet<>();
        em.createQuery("SELECT j.checkpointDigest FROM JobEntity j WHERE j.checkpointDigest IS NOT NULL", String.class)
                .getResultList()
                .forEach(digest -> digests.add(Digest.parse(digest.trim())));
        return digests;
    }
}
