package io.runvault.jobs.train;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.jobs.JobKind;
import io.runvault.jobs.RequestBinder;
import io.runvault.models.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.Map;

/** A single training run (META-INF/batch-jobs/train.xml, {@link TrainJobRunner}). */
@ApplicationScoped
public class TrainJobKind implements JobKind {

    public static final String NAME = "train";

    @Inject
    DatasetCatalog datasets;

    @Inject
    ModelService models;

    @Inject
    TrainJobRunner runner;

    @Inject
    Validator validator;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String batchJob() {
        return "train";
    }

    @Override
    public Accepted accept(String body) {
        TrainJobSpec.Registry registry = new TrainJobSpec.Registry(datasets::trainPool, datasets::unsuitable, models::exists);
        TrainJobRequest request = new RequestBinder(validator).bind(body, TrainJobRequest.class, (r, errors) -> {
            TrainJobSpec.checkModel(r.model(), registry, errors);
            TrainJobSpec.check(r.config(), registry, errors);
        });
        TrainJobSpec spec = TrainJobSpec.of(request.config(), request.model());
        return new Accepted(spec.experiment(), spec.training().epochs(),
                Map.of("dataset", spec.dataset(), "architecture", spec.training().architecture().externalName()),
                spec.training().architecture().externalName() + " on " + spec.dataset() + ", "
                        + spec.training().epochs() + " epochs", RequestBinder.canonical(request));
    }

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId());
    }
}
