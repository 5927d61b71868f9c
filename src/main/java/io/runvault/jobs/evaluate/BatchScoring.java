package io.runvault.jobs.evaluate;

import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.Classifier;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobProgress;

/**
 * Runs a classifier over images batch by batch, reporting each batch as a step of the job's one
 * "epoch" and honouring the stop flag between batches.
 */
final class BatchScoring {

    static final int BATCH = 256;

    private BatchScoring() {
    }

    static float[][] score(Classifier classifier, LabelledImages images, JobProgress live, Runnable afterBatch) {
        return score(classifier, images, live, 1, afterBatch);
    }

    /** As {@link #score(Classifier, LabelledImages, JobProgress, Runnable)}, counted as the job's {@code epoch}-th unit. */
    static float[][] score(Classifier classifier, LabelledImages images, JobProgress live, int epoch,
                           Runnable afterBatch) {
        int n = images.size();
        int per = images.imageSize();
        int[] shape = {0, images.channels(), images.height(), images.width()};
        float[][] rows = new float[n][];
        int steps = Math.max(1, (n + BATCH - 1) / BATCH);
        live.moveTo(epoch, 0, steps);
        for (int from = 0, step = 1; from < n; from += BATCH, step++) {
            if (live.stopRequested()) {
                throw new JobExecution.Stopped();
            }
            int count = Math.min(BATCH, n - from);
            shape[0] = count;
            float[][] got = classifier.classify(images.pixels(from, count),
                    shape.clone());
            if (got.length != count) {
                throw new IllegalStateException("the model gave " + got.length + " rows for " + count + " images");
            }
            System.arraycopy(got, 0, rows, from, count);
            live.step(epoch, step, steps);
            afterBatch.run();
        }
        return rows;
    }
}
