package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.export.ModelMismatchException;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobService;
import io.runvault.runs.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one execution of an evaluation kind (evaluate, robustness, compare): loads the split, opens
 * each run's model in turn (ONNX Runtime or DJL) for the kind's scorer, and commits a run with the
 * scorer's files whose parents are the scored runs. A model that does not fit the data fails the job
 * with the reason; the server carries on.
 */
@ApplicationScoped
public class EvaluationJobRunner {

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    RunService runs;

    @Inject
    DerivedRuns derived;

    @Inject
    JobExecution execution;

    public String run(String jobId, long executionId, EvaluationScorer scorer) throws Exception {
        return execution.execute(jobId, executionId, (job, live) -> {
            EvaluationScorer.Scoring scoring = scorer.start(job.spec());
            EvaluationTarget target = scoring.target();
            EvaluationScope scope = target.scope();
            DatasetCatalog.Loaded dataset = datasets.load(scope.dataset());
            LabelledImages images = EvaluationData.select(dataset, scope.split(), scope.samples(), scope.seed());
            log.append(jobId, "data: " + EvaluationData.describe(dataset.name(), scope.split(), images));
            ScoringContext context = new ScoringContext(jobId, dataset, images, live, jobs, log);
            List<ModelUsed> used = new ArrayList<>();
            for (int k = 0; k < target.runs().size(); k++) {
                used.add(score(target, k, scoring, context));
            }
            EvaluationScorer.Scored scored = scoring.finish(context);
            Path dir = derived.workFolder(job);
            scored.reports().writeTo(dir);
            EvaluationRunRecord record = new EvaluationRunRecord(target, used, images.size(),
                    dataset.digest().toString());
            return derived.commit(job, dir, new DerivedRuns.Content(scope.experiment(), record.frozen(),
                    record.params(scored.params()), scored.metrics(), record.tags(), target.runs(),
                    derived.provenance(dataset, scope.seed())));
        });
    }

    /** Opens the target's {@code k}-th run's model, logs it and has the scorer score it. */
    private ModelUsed score(EvaluationTarget target, int k, EvaluationScorer.Scoring scoring, ScoringContext context)
            throws Exception {
        String runId = target.runs().get(k);
        String name = target.oneRun() ? null : runs.get(runId).name();
        try (RunModels.Opened opened = models.open(runId, target.scope().engine(), context.images(), target.normalization())) {
            context.log(target.oneRun()
                    ? "model: " + opened.file() + " of run " + runId + " through " + opened.engine()
                            + ", input " + opened.normalization()
                    : "model " + (k + 1) + "/" + target.runs().size() + ": " + opened.file() + " of run " + name
                            + " through " + opened.engine());
            ModelUsed model = new ModelUsed(k, runId, name, opened.file(), opened.engine(), opened.normalization());
            scoring.score(model, opened.classifier(), context);
            return model;
        } catch (ModelMismatchException unfit) {
            if (target.oneRun()) {
                throw unfit;
            }
            throw new ModelMismatchException("run " + runId + ": " + unfit.getMessage(), unfit);
        }
    }
}
