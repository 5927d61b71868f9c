package io.runvault.jobs;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.models.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        CrossValidationSpec spec = CrossValidationSpec.parse(body, datasets::trainPool, datasets::unsuitable, models::exists);
        TrainJobSpec job = spec.job();
        return new Accepted(job.experiment(), spec.totalEpochs(),
                Map.of("dataset", job.dataset(), "architecture", job.training().architecture().externalName(),
                        "folds", spec.folds(), "concurrency", spec.concurrency()),
                job.training().architecture().externalName() + " on " + job.dataset() + ", " + spec.folds()
                        + " folds of "
                        + job.training().epochs() + " epochs, " + spec.concurrency() + " at a time");
    }
}
