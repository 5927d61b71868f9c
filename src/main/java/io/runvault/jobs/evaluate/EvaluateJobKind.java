package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Scores a run's model on a dataset split (META-INF/batch-jobs/evaluate.xml, {@link EvaluateScorer}). */
@ApplicationScoped
public class EvaluateJobKind implements JobKind {

    public static final String NAME = "evaluate";

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    EvaluationJobRunner runner;

    @Inject
    EvaluateScorer scorer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String batchJob() {
        return "evaluate";
    }

    @Override
    public Accepted accept(String body) {
        EvaluateJobSpec spec = EvaluateJobSpec.parse(body, d -> datasets.describe(d).isPresent(), models::unusable);
        return new Accepted(spec.experiment(), 1,
                Map.of("run", spec.run(), "dataset", spec.dataset(), "split", spec.split(), "engine", spec.engine()),
                "run " + spec.run() + " on " + spec.dataset() + " " + spec.split()
                        + (spec.samples() > 0 ? " (" + spec.samples() + " samples)" : "") + ", engine " + spec.engine());
    }

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId(), scorer);
    }
}
