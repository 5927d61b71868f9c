package io.runvault.jobs.tune;

import io.runvault.database.Durability;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobService;
import io.runvault.jobs.JobState;
import io.runvault.jobs.train.ListenerChain;
import io.runvault.jobs.train.ProgressListener;
import io.runvault.jobs.train.StopListener;
import io.runvault.jobs.train.TrainJobRunner;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.studies.Pruner;
import io.runvault.studies.Sampler;
import io.runvault.studies.Trial;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingStoppedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the trials of a tuning job. Each partition of the batch step loops: claim the next trial
 * number (with parameters sampled from the stored history), train with them, report the objective
 * after every epoch so the pruner can stop the trial, and store how it ended. The study in the
 * database is the truth, so a restarted or new execution simply carries on from it.
 */
@ApplicationScoped
public class TuneJobRunner {

    @Inject
    JobService jobs;

    @Inject
    JobExecution frame;

    @Inject
    JobLog log;

    @Inject
    TrainJobRunner trainRunner;

    @Inject
    StudyStore store;

    @Inject
    Durability durability;

    @Inject
    Clock clock;

    /** What the partitions of one execution share. */
    record Execution(TuneJobSpec spec, TrainJobRunner.Data data, Sampler sampler, Pruner pruner, AtomicInteger epochsDone,
                     JobProgress live) {

        /** The study's epochs, in which the job's progress counts. */
        StudyEpochs units() {
            return new StudyEpochs(epochsDone);
        }
    }

    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    /** Before the trials: the job is running, the study exists, and trials of a dead execution are failed. */
    public void begin(String jobId, long executionId) throws IOException {
        JobEntity job = frame.start(jobId, executionId);
        JobProgress live = frame.progress(jobId);
        TuneJobSpec spec = TuneJobSpec.read(job.spec());
        log.append(jobId, "execution " + executionId + " started: study '" + spec.studyName() + "', " + spec.trials()
                + " trials, " + spec.concurrency() + " at a time, sampler " + spec.sampler() + ", pruner " + spec.pruner());
        for (int number : store.open(jobId, spec)) {
            log.append(jobId, "trial " + number + ": failed (" + StudyStore.INTERRUPTED + ")");
        }
        TrainJobRunner.Data data = trainRunner.load(spec.base());
        log.append(jobId, "data: " + data.train().size() + " training, " + data.val().size() + " validation, "
                + data.test().size() + " test images");
        int done = store.trials(jobId, spec.space()).size() * spec.maxEpochs();
        executions.put(jobId, new Execution(spec, data, spec.newSampler(), spec.newPruner(), new AtomicInteger(done), live));
        jobs.progress(jobId, done, 1, 1, null);
    }

    /** At start-up: fails the studies (and their running trials) of the executions a crash ended. */
    public int failInterrupted() {
        Map<String, java.util.List<Integer>> interrupted = store.failInterrupted();
        interrupted.forEach((jobId, numbers) -> {
            for (int number : numbers) {
                log.append(jobId, "trial " + number + ": failed (" + StudyStore.INTERRUPTED + ")");
            }
            log.append(jobId, "the server stopped while the study ran; a restart continues it");
        });
        return interrupted.size();
    }

    Execution execution(String jobId) {
        Execution execution = executions.get(jobId);
        if (execution == null) {
            throw new IllegalStateException("tuning job " + jobId + " has no running execution");
        }
        return execution;
    }

    /** One partition's loop; the batch exit status. */
    public String trials(String jobId, int partition) {
        Execution execution = execution(jobId);
        while (true) {
            if (execution.live().stopRequested()) {
                return "STOPPED";
            }
            var claimed = store.claim(jobId, execution.spec(), execution.sampler());
            if (claimed.isEmpty()) {
                return "COMPLETED";
            }
            // The claim must outlive a crash: a trial once seen RUNNING keeps its number and is never trained again.
            durability.flushCommitted();
            if (!runTrial(jobId, execution, claimed.get())) {
                return "STOPPED";
            }
        }
    }

    /** Trains one trial and stores its outcome; false when the job was stopped meanwhile. */
    private boolean runTrial(String jobId, Execution execution, Trial claimed) {
        TuneJobSpec spec = execution.spec();
        String metric = spec.objective().metric();
        log.append(jobId, "trial " + claimed.number() + ": started with " + claimed.params());
        TrialPruning listener = new TrialPruning(jobId, execution, store, log, claimed);
        int epochs = spec.maxEpochs();
        try {
            TrainJobSpec trialSpec = spec.trialSpec(claimed.params());
            epochs = trialSpec.training().epochs();
            TrainingResult result = new Trainer().train(trialSpec.training(), execution.data().train(),
                    execution.data().val(), ListenerChain.of(
                            new ProgressListener(jobId, jobs, execution.live(), execution.units(), false),
                            listener, new StopListener(execution.live())), null);
            if (listener.pruned) {
                // The pruner spoke after the last epoch: Optuna prunes there too.
                pruned(jobId, listener);
            } else {
                Double value = result.finalMetrics().get(metric);
                Trial done = listener.trial.complete(value == null ? Double.NaN : value, clock.instant());
                store.save(jobId, done);
                log.append(jobId, "trial " + done.number() + ": " + done.state().name().toLowerCase(Locale.ROOT)
                        + (done.value() == null ? " (" + done.failureReason() + ")" : ", " + metric + "=" + format(value)));
            }
            return true;
        } catch (TrainingStoppedException stopped) {
            if (listener.pruned) {
                pruned(jobId, listener);
                return true;
            }
            store.save(jobId, listener.trial.fail("stopped on request", clock.instant()));
            log.append(jobId, "trial " + claimed.number() + ": failed (stopped on request)");
            return false;
        } catch (RuntimeException failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            store.save(jobId, listener.trial.fail(reason, clock.instant()));
            log.append(jobId, "trial " + claimed.number() + ": failed: " + reason);
            return true;
        } finally {
            // A trial that ended early still counts all its epochs as done.
            int done = execution.epochsDone().addAndGet(Math.max(0, epochs - listener.epochs));
            jobs.progress(jobId, done, 1, 1, null);
            durability.flushCommitted();
        }
    }

    private void pruned(String jobId, TrialPruning listener) {
        Trial pruned = listener.trial.prune(clock.instant());
        store.save(jobId, pruned);
        log.append(jobId, "trial " + pruned.number() + ": pruned after epoch " + listener.epochs
                + (pruned.value() == null ? "" : ", last " + listener.metric + "=" + format(pruned.value())));
    }

    /** After the trials; the job's outcome unless the final step already recorded it. */
    public void end(String jobId) {
        try {
            // Read from the database: the final step recorded its outcome in its own transaction.
            JobState state = jobs.stateOf(jobId);
            if (!state.finished()) {
                JobProgress live = frame.progress(jobId);
                if ((live != null && live.stopRequested()) || state == JobState.STOPPING) {
                    int finished = store.find(jobId).map(s -> store.trials(jobId, StudyStore.space(s)).size()).orElse(0);
                    store.state(jobId, "stopped");
                    frame.stop(jobId, new JobExecution.Stop("stopped after " + finished
                            + " trial(s); a restart continues the study", "stopped on request; a restart continues the study"));
                } else {
                    store.state(jobId, "failed");
                    frame.fail(jobId, "the trials did not finish");
                }
            }
        } finally {
            executions.remove(jobId);
            frame.end(jobId);
        }
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
