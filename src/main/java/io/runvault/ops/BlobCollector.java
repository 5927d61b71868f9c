package io.runvault.ops;

import io.runvault.audit.AuditLog;
import io.runvault.datasets.DecodedDatasetCache;
import io.runvault.problem.ConflictException;
import io.runvault.store.BlobReferences;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Online mark and sweep over the blob store, with the database as the oracle, while uploads and
 * commits go on:
 * <ol>
 * <li>list the objects stored before {@code start - grace - SETTLE} (candidates);</li>
 * <li>then read every digest the database refers to (runs, job checkpoints, datasets);</li>
 * <li>remove each unreferenced candidate, re-checking its time under the store's removal lock.</li>
 * </ol>
 * A blob uploaded during the collection is newer than the cutoff, so never a candidate. A commit
 * refreshes the time of every blob it refers to while it checks them (under the same lock), so a
 * blob committed after step 2 is either refreshed before step 3 looks at it (kept) or already gone,
 * in which case the commit is refused as "blob missing" and nothing dangling is stored. SETTLE
 * covers a commit whose check ran before the collection started but whose transaction was not yet
 * visible in step 2.
 */
@ApplicationScoped
public class BlobCollector {

    public static final String ACTION = "blob.gc";
    static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(BlobCollector.class.getName());

    @Inject
    BlobStore store;

    @Inject
    Instance<BlobReferences> references;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    DecodedDatasetCache datasetCache;

    private final ReentrantLock running = new ReentrantLock();

    public GcReport collect(boolean dryRun, Duration grace, String actor) throws IOException {
        if (!running.tryLock()) {
            throw new ConflictException("gc-running", "A garbage collection is already running; try again when it ends");
        }
        try {
            return sweep(dryRun, grace, actor);
        } finally {
            running.unlock();
        }
    }

    private GcReport sweep(boolean dryRun, Duration grace, String actor) throws IOException {
        Instant startedAt = clock.instant();
        Instant cutoff = startedAt.minus(grace).minus(SETTLE);
        List<BlobStore.StoredObject> candidates = new ArrayList<>();
        List<Digest> young = new ArrayList<>();
        store.forEachObject(object -> {
            if (object.storedAt().isBefore(cutoff)) {
                candidates.add(object);
            } else {
                young.add(object.digest());
            }
        });
        long scanned = candidates.size() + young.size();
        // Marked after the listing: whatever was committed before this read is kept.
        Set<Digest> referenced = BlobReferences.union(references);
        long kept = young.stream().filter(digest -> !referenced.contains(digest)).count();
        long removed = 0;
        long bytes = 0;
        List<GcReport.RemovedBlob> listed = new ArrayList<>();
        candidates.sort(Comparator.comparing(o -> o.digest().toString()));
        for (BlobStore.StoredObject candidate : candidates) {
            if (referenced.contains(candidate.digest())) {
                continue;
            }
            long freed = dryRun ? candidate.size() : store.removeIfStoredBefore(candidate.digest(), cutoff);
            if (freed < 0) {
                continue; // uploaded or committed again since the listing
            }
            removed++;
            bytes += freed;
            if (listed.size() < GcReport.LISTED) {
                listed.add(new GcReport.RemovedBlob(candidate.digest().toString(), freed, candidate.storedAt()));
            }
        }
        DecodedDatasetCache.Collected cache = datasetCache.collect(grace, dryRun);
        double graceHours = grace.toMillis() / 3_600_000d;
        Long seq = null;
        if (!dryRun) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("blobsRemoved", removed);
            details.put("bytesRemoved", bytes);
            details.put("blobsScanned", scanned);
            details.put("blobsReferenced", referenced.size());
            details.put("graceHours", graceHours);
            details.put("storedBefore", cutoff.toString());
            details.put("cacheFilesRemoved", cache.files());
            details.put("cacheBytesRemoved", cache.bytes());
            seq = audit.append(actor, ACTION, "blobs", details);
            LOG.info("Garbage collection by " + actor + ": " + removed + " blob(s), " + bytes + " bytes removed");
        }
        return new GcReport(dryRun, graceHours, startedAt, cutoff, scanned, referenced.size(), kept, removed, bytes,
                cache.files(), cache.bytes(), listed, seq);
    }
}
