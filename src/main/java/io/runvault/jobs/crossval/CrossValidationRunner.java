package io.runvault.jobs.crossval;

import io.runvault.database.Durability;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobService;
import io.runvault.jobs.JobState;
import io.runvault.jobs.train.EpochLogListener;
import io.runvault.jobs.train.ListenerChain;
import io.runvault.jobs.train.ProgressListener;
import io.runvault.jobs.train.StopListener;
import io.runvault.jobs.train.TrainJobRunner;
import io.runvault.jobs.train.TrainingRunAssembler;
import io.runvault.runs.RunService;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingListener;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingStoppedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The work of a cross-validation job's three steps: {@link #prepare} (records the folds), {@link #fold}
 * (one partition per fold: trains and commits the fold's child run, unless the table says it already
 * has one), {@link #summarize} (commits the parent run), and {@link #ended}, which settles the job's
 * outcome however the batch job ended.
 */
@ApplicationScoped
public class CrossValidationRunner {

    @Inject
    JobService jobs;

    @Inject
    JobExecution execution;

    @Inject
    JobLog log;

    @Inject
    CrossValidationFolds folds;

    @Inject
    CrossValidationPools pools;

    @Inject
    TrainingRunAssembler assembler;

    @Inject
    CrossValidationRunAssembler parentAssembler;

    @Inject
    Durability durability;

    @Inject
    RunService runs;

    private final Map<String, CrossValidationProgress> progress = new ConcurrentHashMap<>();

    /** Jobs whose summary committed the parent run in this execution (the listener then has nothing to settle). */
    private final Set<String> summarized = ConcurrentHashMap.newKeySet();

    public void prepare(String jobId, long executionId) {
        JobEntity job = execution.start(jobId, executionId);
        try {
            CrossValidationSpec spec = spec(job);
            List<CrossValidationFoldEntity> rows = folds.prepare(jobId, spec.folds());
            List<Integer> done = rows.stream().filter(f -> f.state() == CrossValidationFoldEntity.State.COMPLETED)
                    .map(CrossValidationFoldEntity::fold).toList();
            progress.put(jobId, new CrossValidationProgress(job.totalEpochs(), spec.job().training().epochs(), done.size()));
            log.append(jobId, "execution " + executionId + " started: " + spec.folds() + " folds, " + spec.concurrency()
                    + " at a time" + (done.isEmpty() ? "" : "; folds " + done + " already completed, not trained again"));
        } catch (RuntimeException | Error failure) {
            execution.fail(jobId, failure);
            throw failure;
        }
    }

    /** Trains fold {@code fold} (1-based) and commits its child run; returns the partition's exit status. */
    public String fold(String jobId, int fold) throws Exception {
        JobEntity job = jobs.get(jobId);
        CrossValidationFoldEntity row = folds.get(jobId, fold);
        if (row != null && row.state() == CrossValidationFoldEntity.State.COMPLETED) {
            return "COMPLETED";
        }
        JobProgress live = execution.progress(jobId);
        if (live == null || live.stopRequested()) {
            return "STOPPED";
        }
        CrossValidationSpec spec = spec(job);
        CrossValidationProgress.Fold units = progress.get(jobId).fold(fold);
        try {
            folds.running(jobId, fold);
            String runId = trainFold(job, spec, fold, ListenerChain.of(
                    new ProgressListener(jobId, jobs, live, units, true),
                    EpochLogListener.allMetrics(jobId, log, "fold " + fold + ": ", spec.job().training().epochs()),
                    new StopListener(live)));
            folds.completed(jobId, fold, runId);
            units.done();
            return "COMPLETED";
        } catch (TrainingStoppedException stopped) {
            folds.pending(jobId, fold);
            units.abandoned();
            log.append(jobId, "fold " + fold + ": stopped; a restart trains it again");
            return "STOPPED";
        } catch (Exception | Error failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            folds.failed(jobId, fold, reason);
            units.abandoned();
            log.append(jobId, "fold " + fold + ": failed: " + reason);
            throw failure;
        } finally {
            durability.flushCommitted();
        }
    }

    /** Trains one fold, tests it and commits its child run; answers the run's id. */
    private String trainFold(JobEntity job, CrossValidationSpec spec, int fold, TrainingListener listener)
            throws Exception {
        String jobId = job.id();
        CrossValidationPools.Pool pool = pools.get(jobId, spec);
        TrainJobRunner.Data data = pool.dataOf(fold);
        log.append(jobId, "fold " + fold + ": training on " + data.train().size() + ", validating on "
                + data.val().size() + " images");
        TrainingResult result = new Trainer().train(spec.job().training(), data.train(), data.val(), listener, null);
        String runId = assembler.commit(job, spec.job(), data, result, data.scoreOnTest(spec.job().training(), result), new TrainingRunAssembler.Variant(
                "fold-" + fold, Map.of("kind", "cross-validate-fold", "fold", String.valueOf(fold),
                        "cv_parent", jobId), Map.of("fold", (double) fold, "folds", (double) spec.folds())));
        log.append(jobId, "fold " + fold + ": committed run " + runId + " (best epoch " + result.bestEpoch() + ")");
        return runId;
    }

    /** Commits the parent run once every fold has its child run. */
    public void summarize(String jobId) throws Exception {
        JobEntity job = jobs.get(jobId);
        try {
            List<CrossValidationFoldEntity> rows = folds.list(jobId);
            if (rows.isEmpty() || rows.stream().anyMatch(f -> f.state() != CrossValidationFoldEntity.State.COMPLETED)) {
                return; // ended() says why
            }
            CrossValidationSpec spec = spec(job);
            CrossValidationPools.Pool pool = pools.get(jobId, spec);
            List<String> children = rows.stream().map(CrossValidationFoldEntity::runId).toList();
            List<Map<String, Double>> metrics = new ArrayList<>();
            for (String child : children) {
                metrics.add(runs.view(child).metrics());
            }
            String runId = parentAssembler.commit(job, spec, pool, children, metrics);
            execution.complete(jobId, runId, "committed the cross-validation run " + runId + " over fold runs " + children);
            summarized.add(jobId);
        } catch (Exception | Error failure) {
            execution.fail(jobId, failure);
            throw failure;
        }
    }

    /** After the batch job, whatever its end: a job not completed by {@link #summarize} is stopped or failed. */
    public void ended(String jobId) {
        try {
            // The state is read by a query: the listener's persistence context may hold the job as it was loaded earlier.
            JobState state = jobs.stateOf(jobId);
            if (!summarized.remove(jobId) && !state.finished()) {
                settle(jobId, state);
            }
        } finally {
            progress.remove(jobId);
            pools.release(jobId);
            execution.end(jobId);
        }
    }

    /** Records why the job ended without its parent run: failed folds, a stop, or an end before every fold completed. */
    private void settle(String jobId, JobState state) {
        List<CrossValidationFoldEntity> rows = folds.list(jobId);
        List<CrossValidationFoldEntity> failed = rows.stream()
                .filter(f -> f.state() == CrossValidationFoldEntity.State.FAILED).toList();
        String incomplete = rows.stream().filter(f -> f.state() != CrossValidationFoldEntity.State.COMPLETED)
                .map(f -> String.valueOf(f.fold())).collect(Collectors.joining(", "));
        JobProgress live = execution.progress(jobId);
        if (!failed.isEmpty()) {
            execution.fail(jobId, "folds " + failed.stream().map(f -> String.valueOf(f.fold())).collect(Collectors.joining(", "))
                    + " failed: " + failed.stream().map(f -> "fold " + f.fold() + ": " + f.failure())
                    .collect(Collectors.joining("; ")) + "; a restart trains folds " + incomplete);
        } else if (state == JobState.STOPPING || live != null && live.stopRequested()) {
            execution.stop(jobId, new JobExecution.Stop("stopped; a restart trains folds " + incomplete,
                    "stopped on request; folds " + incomplete + " not completed"));
        } else {
            execution.fail(jobId, "the job ended before folds " + incomplete + " completed");
        }
    }

    private static CrossValidationSpec spec(JobEntity job) {
        return CrossValidationSpec.read(job.spec());
    }
}
