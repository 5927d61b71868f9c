package io.runvault.jobs.crossval;

import io.runvault.datasets.LabelledImages;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobRunDrafts;
import io.runvault.jobs.train.TrainJobRunner;
import io.runvault.jobs.train.TrainingRunAssembler;
import io.runvault.json.Json;
import io.runvault.json.Yaml;
import io.runvault.reports.CrossValidationFigure;
import io.runvault.reports.CrossValidationSummary;
import io.runvault.reports.CrossValidationWorkbook;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunDraft;
import io.runvault.studies.Fold;
import io.runvault.training.TrainingProvenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parent run of a cross-validation job: the fold splits as users save them to reproduce a fold
 * ({@code folds/fold_k/train.csv} and {@code val.csv}), {@code reports/cv_summary.json} and
 * {@code .xlsx} (mean and sample std of every metric over the folds, and each fold's metrics and
 * run), {@code figures/cv_folds.png}, the frozen config, the environment and the log. Its metrics are
 * the fold means under the metrics' own names (so gates such as {@code val_auc >= 0.9} read the
 * cross-validated value) plus {@code <metric>_std}; its lineage parents are the fold runs.
 */
@ApplicationScoped
public class CrossValidationRunAssembler {

    @Inject
    JobRunDrafts drafts;

    public String commit(JobEntity job, CrossValidationSpec spec, CrossValidationPools.Pool pool, List<String> children,
                         List<Map<String, Double>> childMetrics) throws IOException {
        try (RunDraft draft = drafts.open(job, "cv-run")) {
            return commit(draft, job, spec, pool, children, childMetrics);
        }
    }

    private String commit(RunDraft draft, JobEntity job, CrossValidationSpec spec, CrossValidationPools.Pool pool,
                          List<String> children, List<Map<String, Double>> childMetrics) throws IOException {
        Path dir = draft.folder();

        List<CrossValidationSummary.Fold> folds = new ArrayList<>();
        for (int k = 1; k <= spec.folds(); k++) {
            Fold fold = pool.fold(k);
            Path foldDir = Files.createDirectories(dir.resolve("folds/fold_" + k));
            writeSplit(foldDir.resolve("train.csv"), pool, fold.train());
            writeSplit(foldDir.resolve("val.csv"), pool, fold.validation());
            folds.add(new CrossValidationSummary.Fold(k, children.get(k - 1), fold.train().length,
                    fold.validation().length, childMetrics.get(k - 1)));
        }
        CrossValidationSummary summary = CrossValidationSummary.of(folds);
        String selection = spec.job().training().selectionMetric().externalName();

        Files.createDirectories(dir.resolve("reports"));
        Files.createDirectories(dir.resolve("figures"));
        Map<String, Object> frozen = frozen(spec);
        TrainingProvenance provenance = TrainingProvenance.ofData(pool.name(), pool.digest().toString(),
                spec.job().training().seed(), drafts.appliance());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jobId", job.id());
        json.put("folds", spec.folds());
        json.put("seed", provenance.seed());
        json.put("selectionMetric", selection);
        json.put("dataset", Map.of("name", provenance.datasetName(), "digest", provenance.datasetDigest(),
                "pool", pool.data().size(), "groups", pool.groups() != null));
        json.put("metrics", summary.stats());
        json.put("perFold", folds);
        Files.writeString(dir.resolve("reports/cv_summary.json"), Json.PRETTY.writeValueAsString(json));
        CrossValidationWorkbook.write(summary, dir.resolve("reports/cv_summary.xlsx"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("figures/cv_folds.png"))) {
            CrossValidationFigure.writePng(summary, selection, out);
        }
        Files.writeString(dir.resolve("reports/config_snapshot.yaml"), Yaml.MAPPER.writeValueAsString(frozen));
        FileEntry environmentFile = drafts.addEnvironmentAndLog(draft, job);

        TreeMap<String, Object> params = new TreeMap<>(TrainingRunAssembler.params(spec.job(),
                new TrainJobRunner.Data(pool.name(), pool.digest(), pool.data(), pool.data(), pool.test())));
        params.remove("valFraction");
        params.put("kind", CrossValidationJobKind.NAME);
        params.put("folds", (double) spec.folds());
        params.put("concurrency", (double) spec.concurrency());
        TreeMap<String, Double> metrics = new TreeMap<>();
        summary.stats().forEach((name, stat) -> {
            metrics.put(name, stat.mean());
            metrics.put(name + "_std", stat.std());
        });
        draft.experiment(spec.job().experiment()).params(params).metrics(metrics)
                .tags(spec.job().tags()).tag("job", job.id()).tag("kind", CrossValidationJobKind.NAME)
                .lineage(provenance.lineage(children, environmentFile.digest()));
        return draft.commit(job.submittedBy()).run().id();
    }

    /** One row per sample of the split: its index in the dataset's train split, label, class (and group). */
    private static void writeSplit(Path file, CrossValidationPools.Pool pool, int[] positions) throws IOException {
        LabelledImages data = pool.data();
        StringBuilder csv = new StringBuilder(pool.groups() == null ? "index,label,class\n" : "index,label,class,group\n");
        for (int p : positions) {
            int label = data.labels()[p];
            csv.append(pool.sampleIndex()[p]).append(',').append(label).append(',').append(quoted(data.classNames().get(label)));
            if (pool.groups() != null) {
                csv.append(',').append(pool.groups()[p]);
            }
            csv.append('\n');
        }
        Files.writeString(file, csv);
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static Map<String, Object> frozen(CrossValidationSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>(TrainingRunAssembler.frozen(spec.job()));
        out.remove("valFraction");
        out.put("kind", CrossValidationJobKind.NAME);
        out.put("folds", spec.folds());
        out.put("concurrency", spec.concurrency());
        return out;
    }
}
