package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Compares runs' models on the same images (META-INF/batch-jobs/compare.xml, {@link CompareScorer}). */
@ApplicationScoped
public class CompareJobKind implements JobKind {

    public static final String NAME = "compare";

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    EvaluationJobRunner runner;

    @Inject
    CompareScorer scorer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String batchJob() {
        return "compare";
    }

    @Override
    public Accepted accept(String body) {
        CompareJobSpec spec = CompareJobSpec.parse(body, d -> datasets.describe(d).isPresent(), models::unusable);
        return new Accepted(spec.experiment(), spec.runs().size(),
                Map.of("runs", spec.runs(), "dataset", spec.dataset(), "split", spec.split(), "engine", spec.engine()),
                spec.runs().size() + " runs on " + spec.dataset() + " " + spec.split()
                        + (spec.samples() > 0 ? " (" + spec.samples() + " samples)" : "") + ", engine " + spec.engine());
    }

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId(), scorer);
    }
}
