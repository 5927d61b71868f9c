package io.runvault.jobs.train;

import io.runvault.database.Durability;
import io.runvault.jobs.JobService;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import io.runvault.training.Checkpoint;
import io.runvault.training.TrainingListener;

/**
 * Keeps each epoch's checkpoint as a blob and records it with the job, durably, so a restart (after
 * a stop or a crash) resumes after the last finished epoch.
 */
public record CheckpointListener(String jobId, JobService jobs, BlobStore blobs, Durability durability)
        implements TrainingListener {

    @Override
    public void onCheckpoint(Checkpoint checkpoint) {
        Digest digest = blobs.put(checkpoint.toBytes()).digest();
        jobs.checkpointed(jobId, digest.toString(), checkpoint.epoch());
        durability.flushCommitted();
    }
}
