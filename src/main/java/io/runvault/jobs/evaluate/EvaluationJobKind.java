package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobKind;
import io.runvault.jobs.RequestBinder;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

/**
 * What the evaluation kinds share as job kinds: a request is bound to the kind's record and checked
 * against the datasets and the runs' models on this appliance ({@link #bind}), the batch job is named
 * after the kind (META-INF/batch-jobs/{@code <kind>}.xml), and {@link EvaluationJobRunner} runs it
 * with the kind's scorer.
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

    @Inject
    Validator validator;

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId(), scorer());
    }

    /** What the kind computes and the files it adds: the scorer of the same kind. */
    EvaluationScorer scorer() {
        return scorers.stream().filter(s -> s.kind().equals(name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no scorer for " + name()));
    }

    /** Binds a request body of this kind and checks it against the datasets and runs on this appliance. */
    <T extends Record & EvaluationRequest> T bind(String body, Class<T> type) {
        EvaluationRequest.Registry registry = new EvaluationRequest.Registry(
                dataset -> datasets.describe(dataset).isPresent(), models::unusable);
        return new RequestBinder(validator).bind(body, type,
                (request, errors) -> EvaluationRequest.check(request, registry, errors));
    }

    /** The data part of the job's summary line: {@code fashion-mnist test (100 samples)}. */
    static String data(String dataset, String split, int samples) {
        return dataset + " " + split + (samples > 0 ? " (" + samples + " samples)" : "");
    }
}
