package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.evaluation.Corruption;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;

/** Scores a run's model on corrupted images (META-INF/batch-jobs/robustness.xml, {@link RobustnessScorer}). */
@ApplicationScoped
public class RobustnessJobKind implements JobKind {

    public static final String NAME = "robustness";

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    EvaluationJobRunner runner;

    @Inject
    RobustnessScorer scorer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String batchJob() {
        return "robustness";
    }

    @Override
    public Accepted accept(String body) {
        RobustnessJobSpec spec = RobustnessJobSpec.parse(body, d -> datasets.describe(d).isPresent(), models::unusable);
        return new Accepted(spec.experiment(), 1,
                Map.of("run", spec.run(), "dataset", spec.dataset(), "split", spec.split(),
                        "corruptions", spec.corruptions().stream().map(Corruption::id).toList(),
                        "severities", Arrays.stream(spec.severities()).boxed().toList()),
                "run " + spec.run() + " on " + spec.dataset() + " " + spec.split() + ", "
                        + spec.corruptions().size() + " corruption(s) x " + spec.severities().length + " severities");
    }

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId(), scorer);
    }
}
