package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.Corruption;
import io.runvault.evaluation.RobustnessEvaluation;
import io.runvault.evaluation.RobustnessReports;
import io.runvault.evaluation.RobustnessResult;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one execution of a robustness job: the run's model on the clean split, then on each
 * corruption at each severity (seeded, so the same spec sees the same corrupted images), and a run
 * with the robustness suite whose parent is the model's run.
 */
@ApplicationScoped
public class RobustnessJobRunner {

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    DerivedRuns derived;

    @Inject
    JobExecution execution;

    public String run(String jobId, long executionId) throws Exception {
        return execution.execute(jobId, executionId, (job, live) -> {
            RobustnessJobSpec spec = RobustnessJobSpec.parse(job.spec());
            DatasetCatalog.Loaded dataset = datasets.load(spec.dataset());
            LabelledImages images = EvaluationData.select(dataset, spec.split(), spec.samples(), spec.seed());
            log.append(jobId, "data: " + EvaluationData.describe(dataset.name(), spec.split(), images));
            RobustnessResult result;
            RunModels.Opened model;
            try (RunModels.Opened opened = models.open(spec.run(), spec.engine(), images, spec.normalization())) {
                model = opened;
                log.append(jobId, "model: " + opened.file() + " of run " + spec.run() + " through " + opened.engine()
                        + ", input " + opened.normalization());
                live.moveTo(1, 0, 0);
                result = RobustnessEvaluation.run(opened.classifier(), images, spec.seed(), spec.severities(),
                        spec.corruptions(), BatchScoring.BATCH, (done, total, what) -> {
                            live.step(1, done, total);
                            jobs.progress(jobId, 1, done, total, null);
                            log.append(jobId, String.format(Locale.ROOT, "pass %d/%d %s", done, total, what));
                            if (live.stopRequested()) {
                                throw new JobExecution.Stopped();
                            }
                        });
            }
            Map<String, Double> metrics = result.metrics();
            log.append(jobId, String.format(Locale.ROOT, "clean accuracy %.4f over %d images", result.cleanAccuracy(),
                    images.size()));
            return commit(job, spec, dataset, images, result, metrics, model);
        });
    }

    private String commit(JobEntity job, RobustnessJobSpec spec, DatasetCatalog.Loaded dataset, LabelledImages images,
                          RobustnessResult result, Map<String, Double> metrics, RunModels.Opened model) throws Exception {
        Path dir = derived.workFolder(job);
        RobustnessReports.writeSuite(dir, result, null);
        List<String> corruptions = spec.corruptions().stream().map(Corruption::id).toList();
        List<Integer> severities = Arrays.stream(spec.severities()).boxed().toList();
        Map<String, Object> frozen = new LinkedHashMap<>();
        frozen.put("kind", RobustnessJobKind.NAME);
        frozen.put("experiment", spec.experiment());
        frozen.put("run", spec.run());
        frozen.put("dataset", spec.dataset());
        frozen.put("split", spec.split());
        frozen.put("samples", spec.samples());
        frozen.put("engine", spec.engine());
        frozen.put("seed", spec.seed());
        frozen.put("severities", severities);
        frozen.put("corruptions", corruptions);
        if (spec.normalization() != null) {
            frozen.put("normalization", Map.of("scale", spec.normalization().scale(),
                    "mean", spec.normalization().mean(), "std", spec.normalization().std()));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("run", spec.run());
        params.put("dataset", spec.dataset());
        params.put("split", spec.split());
        params.put("samples", spec.samples());
        params.put("seed", spec.seed());
        params.put("engine", model.engine());
        params.put("engineRequested", spec.engine());
        params.put("modelFile", model.file());
        params.put("normalization", model.normalization().toString());
        params.put("images", images.size());
        params.put("severities", severities.toString());
        params.put("corruptions", String.join(",", corruptions));
        params.put("datasetDigest", dataset.digest().toString());
        Map<String, String> tags = Map.of("kind", RobustnessJobKind.NAME, "model_run", spec.run(), "engine", model.engine());
        return derived.commit(job, dir, new DerivedRuns.Content(spec.experiment(), frozen, params, metrics, tags,
                List.of(spec.run()), dataset.name(), dataset.digest()));
    }
}
