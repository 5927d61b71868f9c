package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobKind;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * What the evaluation kinds share as job kinds: a spec is checked against the datasets and the runs'
 * models on this appliance, the batch job is named after the kind
 * (META-INF/batch-jobs/{@code <kind>}.xml), and {@link EvaluationJobRunner} runs it with the kind's scorer.
 */
public abstract class EvaluationJobKind implements JobKind {

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    EvaluationJobRunner runner;

    @Inject
    Instance<EvaluationScorer> scorers;

    @Override
    public String batchJob() {
        return name();
    }

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId(), scorer());
    }

    /** What the kind computes and the files it adds: the scorer of the same kind. */
    EvaluationScorer scorer() {
        return scorers.stream().filter(s -> s.kind().equals(name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no scorer for " + name()));
    }

    boolean datasetKnown(String dataset) {
        return datasets.describe(dataset).isPresent();
    }

    /** Why a run's model cannot be scored through {@code engine}, or empty. */
    Optional<String> unusable(String run, String engine) {
        return models.unusable(run, engine);
    }

    /** The data part of the job's summary line: {@code fashion-mnist test (100 samples)}. */
    static String data(String dataset, String split, int samples) {
        return dataset + " " + split + (samples > 0 ? " (" + samples + " samples)" : "");
    }
}
