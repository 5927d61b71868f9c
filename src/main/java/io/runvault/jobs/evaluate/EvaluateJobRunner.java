package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.EvaluationReports;
import io.runvault.evaluation.EvaluationWorkbook;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobService;
import io.runvault.reports.ClassificationReport;
import io.runvault.reports.Predictions;
import io.runvault.training.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one execution of an evaluation job: loads the split, opens the run's model (ONNX Runtime or
 * DJL), scores every image and commits an evaluation run whose parent is the model's run. A model
 * that does not fit the data fails the job with the reason; the server carries on.
 */
@ApplicationScoped
public class EvaluateJobRunner {

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
            EvaluateJobSpec spec = EvaluateJobSpec.parse(job.spec());
            DatasetCatalog.Loaded dataset = datasets.load(spec.dataset());
            LabelledImages images = EvaluationData.select(dataset, spec.split(), spec.samples(), spec.seed());
            log.append(jobId, "data: " + EvaluationData.describe(dataset.name(), spec.split(), images));
            float[][] rows;
            RunModels.Opened model;
            try (RunModels.Opened opened = models.open(spec.run(), spec.engine(), images, spec.normalization())) {
                model = opened;
                log.append(jobId, "model: " + opened.file() + " of run " + spec.run() + " through " + opened.engine()
                        + ", input " + opened.normalization());
                rows = BatchScoring.score(opened.classifier(), images, live,
                        () -> jobs.progress(jobId, 1, live.position().step(), live.position().stepsPerEpoch(), null));
            }
            Predictions predictions = predictions(images, rows);
            Map<String, Double> metrics = Evaluation.of(rows, images.labels(), images.classNames()).metrics("test_");
            jobs.progress(jobId, 1, live.position().stepsPerEpoch(), live.position().stepsPerEpoch(), metrics);
            log.append(jobId, String.format(Locale.ROOT, "accuracy %.4f, macro F1 %.4f on %d images",
                    metrics.get("test_accuracy"), metrics.get("test_macro_f1"), images.size()));
            return commit(job, spec, dataset, images, predictions, metrics, model);
        });
    }

    static Predictions predictions(LabelledImages images, float[][] rows) {
        double[][] values = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            values[i] = new double[rows[i].length];
            for (int c = 0; c < rows[i].length; c++) {
                values[i][c] = rows[i][c];
            }
        }
        return Predictions.fromRows(images.classNames(), images.labels(), values);
    }

    private String commit(JobEntity job, EvaluateJobSpec spec, DatasetCatalog.Loaded dataset, LabelledImages images,
                          Predictions predictions, Map<String, Double> metrics, RunModels.Opened model) throws Exception {
        Path dir = derived.workFolder(job);
        EvaluationReports.writeSuite(dir, predictions, images, spec.seed());
        Map<String, Object> frozen = new LinkedHashMap<>();
        frozen.put("kind", EvaluateJobKind.NAME);
        frozen.put("experiment", spec.experiment());
        frozen.put("run", spec.run());
        frozen.put("dataset", spec.dataset());
        frozen.put("split", spec.split());
        frozen.put("samples", spec.samples());
        frozen.put("engine", spec.engine());
        frozen.put("seed", spec.seed());
        if (spec.normalization() != null) {
            frozen.put("normalization", Map.of("scale", spec.normalization().scale(),
                    "mean", spec.normalization().mean(), "std", spec.normalization().std()));
        }
        Map<String, Object> params = new LinkedHashMap<>(frozen);
        params.remove("normalization");
        params.remove("kind");
        params.remove("experiment");
        params.put("engine", model.engine());
        params.put("engineRequested", spec.engine());
        params.put("modelFile", model.file());
        params.put("normalization", model.normalization().toString());
        params.put("images", images.size());
        params.put("datasetDigest", dataset.digest().toString());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model_run", spec.run());
        summary.put("model_file", model.file());
        summary.put("engine", model.engine());
        summary.put("input", model.normalization().toString());
        summary.put("dataset", dataset.name());
        summary.put("dataset_digest", dataset.digest().toString());
        summary.put("split", spec.split());
        summary.put("images", images.size());
        summary.put("seed", spec.seed());
        summary.putAll(new java.util.TreeMap<>(metrics));
        Files.createDirectories(dir.resolve("reports"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("reports/evaluation_summary.xlsx"))) {
            EvaluationWorkbook.write(summary, ClassificationReport.of(predictions), out);
        }
        Map<String, String> tags = Map.of("kind", EvaluateJobKind.NAME, "model_run", spec.run(), "engine", model.engine());
        return derived.commit(job, dir, new DerivedRuns.Content(spec.experiment(), frozen, params, metrics, tags,
                java.util.List.of(spec.run()), dataset.name(), dataset.digest()));
    }
}
