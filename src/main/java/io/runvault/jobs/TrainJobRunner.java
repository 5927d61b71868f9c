package io.runvault.jobs;

import io.runvault.config.Settings;
import io.runvault.database.Durability;
import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.NewVersion;
import io.runvault.problem.ProblemException;
import io.runvault.runs.RunService;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import io.runvault.training.Checkpoint;
import io.runvault.training.EpochMetrics;
import io.runvault.training.Evaluation;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingListener;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingStoppedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one execution of a training job: loads and splits the data, trains from scratch or from the
 * job's last checkpoint, keeps a checkpoint blob after every epoch, then has the run committed.
 * Returns the batch exit status.
 */
@ApplicationScoped
public class TrainJobRunner {

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
    BlobStore blobs;

    @Inject
    TrainingRunAssembler assembler;

    @Inject
    Settings settings;

    @Inject
    ModelService models;

    @Inject
    Durability durability;

    @Inject
    RunService runs;

    public String run(String jobId, long executionId) throws Exception {
        JobEntity job = jobs.started(jobId, executionId);
        LiveJobs.Live live = liveJobs.begin(jobId);
        try {
            TrainJobSpec spec = TrainJobSpec.parse(job.spec(), datasets::trainPool);
            log.append(jobId, "execution " + executionId + " started" + (job.checkpointEpoch() > 0
                    ? ", resuming after epoch " + job.checkpointEpoch() : ""));
            Data data = load(spec);
            log.append(jobId, "data: " + data.train().size() + " training, " + data.val().size() + " validation, "
                    + data.test().size() + " test images of " + data.train().channels() + "x" + data.train().height()
                    + "x" + data.train().width() + ", " + data.train().numClasses() + " classes");
            Checkpoint resume = job.checkpointDigest() == null ? null
                    : Checkpoint.fromBytes(blobs.readAllBytes(Digest.parse(job.checkpointDigest())));
            TrainingResult result = new Trainer().train(spec.training(), data.train(), data.val(),
                    listener(jobId, live, job.totalEpochs()), resume);
            log.append(jobId, "training finished: best epoch " + result.bestEpoch()
                    + (result.earlyStopped() ? " (stopped early)" : "") + "; evaluating on the test split");
            Evaluation test = data.test().size() == 0 ? null
                    : new Trainer().evaluate(spec.training(), result.bestParameters(), data.test());
            String runId = assembler.commit(job, spec, data, result, test);
            log.append(jobId, "committed run " + runId);
            if (spec.model() != null) {
                register(jobId, job.submittedBy(), spec, runId);
            }
            jobs.finished(jobId, JobState.COMPLETED, runId, null);
            return "COMPLETED";
        } catch (TrainingStoppedException stopped) {
            JobEntity now = jobs.get(jobId);
            log.append(jobId, "stopped; a restart resumes after epoch " + now.checkpointEpoch());
            jobs.finished(jobId, JobState.STOPPED, null, "stopped on request after epoch " + now.checkpointEpoch());
            return "STOPPED";
        } catch (Exception | Error failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            log.append(jobId, "failed: " + reason);
            jobs.finished(jobId, JobState.FAILED, null, reason);
            throw failure;
        } finally {
            liveJobs.end(jobId);
            durability.flushCommitted();
        }
    }

    /**
     * Registers the run as the next version of the spec's model, at raw. The model file is the ONNX
     * export when the run has one, else the best checkpoint. The run stays committed if this fails
     * (e.g. the model was deleted meanwhile); the log says why.
     */
    private void register(String jobId, String actor, TrainJobSpec spec, String runId) {
        String onnx = "exports/model.onnx";
        String path = runs.view(runId).files().stream().anyMatch(f -> f.path().equals(onnx))
                ? onnx : TrainingRunAssembler.checkpointPath(spec.training());
        try {
            ModelVersion version = models.addVersion(spec.model(), new NewVersion(runId, path), actor);
            log.append(jobId, "registered as " + version.modelName() + " version " + version.version() + " (raw)");
        } catch (ProblemException refused) {
            log.append(jobId, "not registered as a version of " + spec.model() + ": " + refused.getMessage());
        }
    }

    /** What a job trains, selects and tests on, and the dataset's identity for the run's lineage. */
    public record Data(String name, Digest digest, LabelledImages train, LabelledImages val, LabelledImages test) {
    }

    /**
     * The job's data: a seeded stratified subset when asked, validated on the dataset's own validation
     * split or a seeded stratified (and, with groups, group-disjoint) one.
     */
    public Data load(TrainJobSpec spec) throws IOException {
        DatasetCatalog.Loaded dataset = datasets.load(spec.dataset());
        long seed = spec.training().seed();
        Splits.TrainVal split = dataset.trainVal(spec.trainSamples(), spec.valFraction(), seed);
        LabelledImages test = subset(dataset.test(), spec.testSamples(), seed + 1);
        return new Data(dataset.name(), dataset.digest(), split.train(), split.val(), test);
    }

    private static LabelledImages subset(LabelledImages all, int wanted, long seed) {
        if (wanted <= 0 || wanted >= all.size()) {
            return all;
        }
        return Splits.stratified(all, (double) wanted / all.size(), seed).val();
    }

    private TrainingListener listener(String jobId, LiveJobs.Live live, int totalEpochs) {
        return new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                live.epoch = epoch;
                live.step = step;
                live.stepsPerEpoch = stepsPerEpoch;
                live.stepsDone++;
                long now = System.nanoTime();
                if (now - live.lastPersistNanos > PERSIST_EVERY_NANOS) {
                    live.lastPersistNanos = now;
                    jobs.progress(jobId, epoch, step, stepsPerEpoch, null);
                }
            }

            @Override
            public void onEpoch(EpochMetrics metrics) {
                Map<String, Double> values = metrics.asMap();
                jobs.progress(jobId, metrics.epoch(), live.stepsPerEpoch, live.stepsPerEpoch, values);
                StringBuilder line = new StringBuilder("epoch " + metrics.epoch() + "/" + totalEpochs);
                values.forEach((name, value) -> line.append(' ').append(name).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", value)));
                log.append(jobId, line.toString());
            }

            @Override
            public void onCheckpoint(Checkpoint checkpoint) {
                Digest digest = blobs.put(checkpoint.toBytes()).digest();
                jobs.checkpointed(jobId, digest.toString(), checkpoint.epoch());
                durability.flushCommitted();
            }

            @Override
            public boolean stopRequested() {
                return live.stopRequested;
            }
        };
    }
}
