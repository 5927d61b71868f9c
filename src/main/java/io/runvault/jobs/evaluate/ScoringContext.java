package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.Classifier;
import io.runvault.evaluation.RobustnessEvaluation;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobService;
import java.util.Locale;
import java.util.Map;

/** What a scorer may use during one execution: the images, the job log, and progress that honours the stop flag. */
final class ScoringContext {

    private final String jobId;
    private final DatasetCatalog.Loaded dataset;
    private final LabelledImages images;
    private final JobProgress live;
    private final JobService jobs;
    private final JobLog log;

    ScoringContext(String jobId, DatasetCatalog.Loaded dataset, LabelledImages images, JobProgress live,
                   JobService jobs, JobLog log) {
        this.jobId = jobId;
        this.dataset = dataset;
        this.images = images;
        this.live = live;
        this.jobs = jobs;
        this.log = log;
    }

    DatasetCatalog.Loaded dataset() {
        return dataset;
    }

    /** The images scored. */
    LabelledImages images() {
        return images;
    }

    void log(String line) {
        log.append(jobId, line);
    }

    /** The classifier's rows for every image, batch by batch, counted as the job's {@code epoch}-th unit. */
    float[][] scoreBatches(Classifier classifier, int epoch) {
        return BatchScoring.score(classifier, images, live, epoch,
                () -> jobs.progress(jobId, epoch, live.position().step(), live.position().stepsPerEpoch(), null));
    }

    /** The one unit is done, with the run's metrics. */
    void done(Map<String, Double> metrics) {
        jobs.progress(jobId, 1, live.position().stepsPerEpoch(), live.position().stepsPerEpoch(), metrics);
    }

    /**
     * Progress for a scoring made of passes over the images (each corruption at each severity): one
     * step and one log line a pass, stopping between passes when asked. Starts the job's one unit.
     */
    RobustnessEvaluation.Progress passes() {
        live.moveTo(1, 0, 0);
        return (done, total, what) -> {
            live.step(1, done, total);
            jobs.progress(jobId, 1, done, total, null);
            log(String.format(Locale.ROOT, "pass %d/%d %s", done, total, what));
            if (live.stopRequested()) {
                throw new JobExecution.Stopped();
            }
        };
    }
}
