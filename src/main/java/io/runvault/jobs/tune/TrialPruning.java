package io.runvault.jobs.tune;

import io.runvault.jobs.JobLog;
import io.runvault.studies.Pruner;
import io.runvault.studies.Trial;
import io.runvault.training.EpochMetrics;
import io.runvault.training.TrainingListener;

/**
 * Reports each epoch's objective value of a trial to the study and turns the pruner's decision into
 * a stop of the trial's training. Keeps the trial as reported so far and the epochs it trained.
 */
final class TrialPruning implements TrainingListener {

    private final String jobId;
    private final TuneJobRunner.Execution execution;
    private final StudyStore store;
    private final JobLog log;
    final String metric;
    volatile Trial trial;
    volatile boolean pruned;
    volatile int epochs;

    TrialPruning(String jobId, TuneJobRunner.Execution execution, StudyStore store, JobLog log, Trial trial) {
        this.jobId = jobId;
        this.execution = execution;
        this.store = store;
        this.log = log;
        this.trial = trial;
        this.metric = execution.spec().objective().metric();
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        epochs = metrics.epoch();
        Double value = metrics.asMap().get(metric);
        if (value == null || !Double.isFinite(value)) {
            return;
        }
        Pruner.Decision decision = store.report(jobId, execution.spec(), trial, metrics.epoch(), value,
                execution.pruner());
        trial = trial.report(metrics.epoch(), value).withSystemAttributes(decision.systemAttributes());
        log.append(jobId, "trial " + trial.number() + ": epoch " + metrics.epoch() + " " + metric + "="
                + TuneJobRunner.format(value) + (decision.prune() ? ", pruned" : ""));
        pruned = decision.prune();
    }

    @Override
    public boolean stopRequested() {
        return pruned;
    }
}
