package io.runvault.jobs;

import io.runvault.database.Durability;
import io.runvault.datasets.DatasetCatalog;
import io.runvault.runs.RunService;
import io.runvault.training.EpochMetrics;
import io.runvault.training.Evaluation;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingListener;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingStoppedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private static final long PERSIST_EVERY_NANOS = 5_000_000_000L;

    @Inject
    JobService jobs;

    @Inject
    LiveJobs liveJobs;

    @Inject
    JobLog log;

    @Inject
    DatasetCatalog datasets;

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
        JobEntity job = jobs.started(jobId, executionId);
        liveJobs.begin(jobId);
        try {
            CrossValidationSpec spec = spec(job);
            List<CrossValidationFoldEntity> rows = folds.prepare(jobId, spec.folds());
            List<Integer> done = rows.stream().filter(f -> f.state() == CrossValidationFoldEntity.State.COMPLETED)
                    .map(CrossValidationFoldEntity::fold).toList();
            progress.put(jobId, new CrossValidationProgress(job.totalEpochs(), spec.job().training().epochs(), done.size()));
            log.append(jobId, "execution " + executionId + " started: " + spec.folds() + " folds, " + spec.concurrency()
                    + " at a time" + (done.isEmpty() ? "" : "; folds " + done + " already completed, not trained again"));
        } catch (RuntimeException | Error failure) {
            fail(jobId, failure);
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
        LiveJobs.Live live = liveJobs.get(jobId);
        if (live == null || live.stopRequested) {
            return "STOPPED";
        }
        CrossValidationSpec spec = spec(job);
        CrossValidationProgress tracker = progress.get(jobId);
        int[] trained = {0};
        try {
            folds.running(jobId, fold);
            CrossValidationPools.Pool pool = pools.get(jobId, spec);
            TrainJobRunner.Data data = pool.dataOf(fold);
            log.append(jobId, "fold " + fold + ": training on " + data.train().size() + ", validating on "
                    + data.val().size() + " images");
            TrainingResult result = new Trainer().train(spec.job().training(), data.train(), data.val(),
                    listener(jobId, fold, live, tracker, spec, trained), null);
            Evaluation test = data.test().size() == 0 ? null
                    : new Trainer().evaluate(spec.job().training(), result.bestParameters(), data.test());
            String runId = assembler.commit(job, spec.job(), data, result, test, new TrainingRunAssembler.Variant(
                    "fold-" + fold, Map.of("kind", "cross-validate-fold", "fold", String.valueOf(fold),
                            "cv_parent", jobId), Map.of("fold", (double) fold, "folds", (double) spec.folds())));
            folds.completed(jobId, fold, runId);
            tracker.foldDone(fold, trained[0]);
            log.append(jobId, "fold " + fold + ": committed run " + runId + " (best epoch " + result.bestEpoch() + ")");
            return "COMPLETED";
        } catch (TrainingStoppedException stopped) {
            folds.pending(jobId, fold);
            tracker.foldAbandoned(fold, trained[0]);
            log.append(jobId, "fold " + fold + ": stopped; a restart trains it again");
            return "STOPPED";
        } catch (Exception | Error failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            folds.failed(jobId, fold, reason);
            tracker.foldAbandoned(fold, trained[0]);
            log.append(jobId, "fold " + fold + ": failed: " + reason);
            throw failure;
        } finally {
            durability.flushCommitted();
        }
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
            log.append(jobId, "committed the cross-validation run " + runId + " over fold runs " + children);
            jobs.finished(jobId, JobState.COMPLETED, runId, null);
            summarized.add(jobId);
        } catch (Exception | Error failure) {
            fail(jobId, failure);
            throw failure;
        }
    }

    /** After the batch job, whatever its end: a job not completed by {@link #summarize} is stopped or failed. */
    public void ended(String jobId) {
        try {
            // The state is read by a query: the listener's persistence context may hold the job as it was loaded earlier.
            JobState state = jobs.stateOf(jobId);
            if (!summarized.remove(jobId) && !state.finished()) {
                List<CrossValidationFoldEntity> rows = folds.list(jobId);
                List<CrossValidationFoldEntity> failed = rows.stream()
                        .filter(f -> f.state() == CrossValidationFoldEntity.State.FAILED).toList();
                String incomplete = rows.stream().filter(f -> f.state() != CrossValidationFoldEntity.State.COMPLETED)
                        .map(f -> String.valueOf(f.fold())).collect(Collectors.joining(", "));
                LiveJobs.Live live = liveJobs.get(jobId);
                if (!failed.isEmpty()) {
                    String reason = "folds " + failed.stream().map(f -> String.valueOf(f.fold())).collect(Collectors.joining(", "))
                            + " failed: " + failed.stream().map(f -> "fold " + f.fold() + ": " + f.failure())
                            .collect(Collectors.joining("; ")) + "; a restart trains folds " + incomplete;
                    log.append(jobId, "failed: " + reason);
                    jobs.finished(jobId, JobState.FAILED, null, reason);
                } else if (state == JobState.STOPPING || live != null && live.stopRequested) {
                    log.append(jobId, "stopped; a restart trains folds " + incomplete);
                    jobs.finished(jobId, JobState.STOPPED, null, "stopped on request; folds " + incomplete + " not completed");
                } else {
                    String reason = "the job ended before folds " + incomplete + " completed";
                    log.append(jobId, "failed: " + reason);
                    jobs.finished(jobId, JobState.FAILED, null, reason);
                }
            }
        } finally {
            liveJobs.end(jobId);
            progress.remove(jobId);
            pools.release(jobId);
            durability.flushCommitted();
        }
    }

    private static CrossValidationSpec spec(JobEntity job) {
        return CrossValidationSpec.parse(job.spec(), name -> Integer.MAX_VALUE);
    }

    private void fail(String jobId, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        log.append(jobId, "failed: " + reason);
        jobs.finished(jobId, JobState.FAILED, null, reason);
    }

    private TrainingListener listener(String jobId, int fold, LiveJobs.Live live, CrossValidationProgress tracker,
                                      CrossValidationSpec spec, int[] trained) {
        int epochs = spec.job().training().epochs();
        return new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                show(tracker.step(fold, step, stepsPerEpoch));
                live.stepsDone++;
                long now = System.nanoTime();
                if (now - live.lastPersistNanos > PERSIST_EVERY_NANOS) {
                    live.lastPersistNanos = now;
                    CrossValidationProgress.Position at = tracker.position();
                    jobs.progress(jobId, at.epoch(), at.step(), at.stepsPerEpoch(), null);
                }
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                trained[0] = metrics.epoch();
                CrossValidationProgress.Position at = tracker.epochDone(fold);
                show(at);
                Map<String, Double> values = metrics.asMap();
                jobs.progress(jobId, at.epoch(), at.step(), at.stepsPerEpoch(), values);
                StringBuilder line = new StringBuilder("fold " + fold + ": epoch " + metrics.epoch() + "/" + epochs);
                values.forEach((name, value) -> line.append(' ').append(name).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", value)));
                log.append(jobId, line.toString());
            }

            @Override
            public boolean stopRequested() {
                return live.stopRequested;
            }

            private void show(CrossValidationProgress.Position at) {
                live.epoch = at.epoch();
                live.step = at.step();
                live.stepsPerEpoch = at.stepsPerEpoch();
            }
        };
    }
}
