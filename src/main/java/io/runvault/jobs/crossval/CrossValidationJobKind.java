package io.runvault.jobs.crossval;

import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.jobs.train.TrainingJobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * k-fold cross-validation (META-INF/batch-jobs/cross-validate.xml): one child training run per
 * fold, trained as partitions of one batch step, then a parent run that summarises them.
 */
@ApplicationScoped
public class CrossValidationJobKind extends TrainingJobKind {

    public static final String NAME = "cross-validate";

    @Inject
    CrossValidationRunner runner;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accepted accept(String body) {
        CrossValidationRequest request = bind(body, CrossValidationRequest.class, CrossValidationSpec::check);
        CrossValidationSpec spec = CrossValidationSpec.of(request);
        TrainJobSpec job = spec.job();
        return new Accepted(job.experiment(), spec.totalEpochs(),
                Map.of("dataset", job.dataset(), "architecture", job.training().architecture().externalName(),
                        "folds", spec.folds(), "concurrency", spec.concurrency()),
                job.training().architecture().externalName() + " on " + job.dataset() + ", " + spec.folds()
                        + " folds of "
                        + job.training().epochs() + " epochs, " + spec.concurrency() + " at a time",
                RequestBinder.canonical(request));
    }

    /** Steps {@code prepare} (records the folds), {@code folds} (one partition per fold), {@code summary} (the parent run). */
    @Override
    public String run(Step step) throws Exception {
        switch (step.name()) {
            case "prepare" -> runner.prepare(step.jobId(), step.executionId());
            case "folds" -> {
                return runner.fold(step.jobId(), step.partitionNumber());
            }
            case "summary" -> runner.summarize(step.jobId());
            default -> throw new IllegalStateException("cross-validate has no step " + step.name());
        }
        return "COMPLETED";
    }

    /** Settles the job's state however the batch job ended (a stopped or failed fold skips the summary). */
    @Override
    public void afterJob(String jobId) {
        runner.ended(jobId);
    }
}
