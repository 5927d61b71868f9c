package io.runvault.jobs.train;

import io.runvault.jobs.RequestBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** A single training run (META-INF/batch-jobs/train.xml, {@link TrainJobRunner}). */
@ApplicationScoped
public class TrainJobKind extends TrainingJobKind {

    public static final String NAME = "train";

    @Inject
    TrainJobRunner runner;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accepted accept(String body) {
        TrainJobRequest request = bind(body, TrainJobRequest.class, (r, registry, errors) -> {
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
