package io.runvault.jobs.crossval;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.jobs.JobKind;
import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.models.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.Map;

/**
 * k-fold cross-validation (META-INF/batch-jobs/cross-validate.xml): one child training run per
 * fold, trained as partitions of one batch step, then a parent run that summarises them.
 */
@ApplicationScoped
public class CrossValidationJobKind implements JobKind {

    public static final String NAME = "cross-validate";

    @Inject
    DatasetCatalog datasets;

    @Inject
    ModelService models;

    @Inject
    CrossValidationRunner runner;

    @Inject
    Validator validator;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String batchJob() {
        return "cross-validate";
    }

    @Override
    public Accepted accept(String body) {
        TrainJobSpec.Registry registry = new TrainJobSpec.Registry(datasets::trainPool, datasets::unsuitable, models::exists);
        CrossValidationRequest request = new RequestBinder(validator).bind(body, CrossValidationRequest.class,
                (r, errors) -> CrossValidationSpec.check(r, registry, errors));
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
