package io.runvault.jobs.train;

import io.runvault.database.Durability;
import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobService;
import io.runvault.jobs.RequestBinder;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import io.runvault.training.Checkpoint;
import io.runvault.training.Evaluation;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingListener;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * Runs one execution of a training job: loads and splits the data, trains from scratch or from the
 * job's last checkpoint, keeps a checkpoint blob after every epoch, then has the run committed.
 * Returns the batch exit status.
 */
@ApplicationScoped
public class TrainJobRunner {

    @Inject
    JobService jobs;

    @Inject
    JobExecution execution;

    @Inject
    JobLog log;

    @Inject
    DatasetCatalog datasets;

    @Inject
    BlobStore blobs;

    @Inject
    TrainingRunAssembler assembler;

    @Inject
    ModelRegistration registration;

    @Inject
    Durability durability;

    public String run(String jobId, long executionId) throws Exception {
        return execution.execute(jobId, executionId, new Training());
    }

    /** A training job's work in the execution frame: resumes from the job's checkpoint, registers the run. */
    private final class Training implements JobExecution.Work {

        private TrainJobSpec spec;

        @Override
        public String startNote(JobEntity job) {
            return job.checkpointEpoch() > 0 ? ", resuming after epoch " + job.checkpointEpoch() : "";
        }

        @Override
        public String perform(JobEntity job, JobProgress progress) throws Exception {
            TrainJobRequest request = RequestBinder.read(job.spec(), TrainJobRequest.class);
            spec = TrainJobSpec.of(request.config(), request.model());
            return train(job, spec, progress);
        }

        @Override
        public void committed(JobEntity job, String runId) {
            if (spec.model() != null) {
                registration.register(job.id(), job.submittedBy(), spec.model(), spec.training(), runId);
            }
        }

        @Override
        public JobExecution.Stop stopped(JobEntity job) {
            int epoch = jobs.get(job.id()).checkpointEpoch();
            return new JobExecution.Stop("stopped; a restart resumes after epoch " + epoch,
                    "stopped on request after epoch " + epoch);
        }
    }

    /** Trains (from the job's checkpoint, if any), tests and commits the run; answers its id. */
    private String train(JobEntity job, TrainJobSpec spec, JobProgress progress) throws Exception {
        String jobId = job.id();
        Data data = load(spec);
        log.append(jobId, "data: " + data.train().size() + " training, " + data.val().size() + " validation, "
                + data.test().size() + " test images of " + data.train().channels() + "x" + data.train().height()
                + "x" + data.train().width() + ", " + data.train().numClasses() + " classes");
        Checkpoint resume = job.checkpointDigest() == null ? null
                : Checkpoint.fromBytes(blobs.readAllBytes(Digest.parse(job.checkpointDigest())));
        TrainingListener listener = ListenerChain.of(
                new ProgressListener(jobId, jobs, progress, ProgressListener.SAME, true),
                EpochLogListener.allMetrics(jobId, log, "", job.totalEpochs()),
                new CheckpointListener(jobId, jobs, blobs, durability),
                new StopListener(progress));
        TrainingResult result = new Trainer().train(spec.training(), data.train(), data.val(), listener, resume);
        log.append(jobId, "training finished: best epoch " + result.bestEpoch()
                + (result.earlyStopped() ? " (stopped early)" : "") + "; evaluating on the test split");
        return assembler.commit(job, spec, data, result, data.scoreOnTest(spec.training(), result));
    }

    /** What a job trains, selects and tests on, and the dataset's identity for the run's lineage. */
    public record Data(String name, Digest digest, LabelledImages train, LabelledImages val, LabelledImages test) {

        /** The best weights of {@code result} scored on the test images; null when there are none. */
        public Evaluation scoreOnTest(TrainingSpec training, TrainingResult result) {
            return test.size() == 0 ? null : new Trainer().evaluate(training, result.bestParameters(), test);
        }
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
}
