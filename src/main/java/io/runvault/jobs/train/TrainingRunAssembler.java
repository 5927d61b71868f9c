package io.runvault.jobs.train;

import com.fasterxml.jackson.core.type.TypeReference;
import io.runvault.datasets.LabelledImages;
import io.runvault.export.OnnxExport;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobRunDrafts;
import io.runvault.json.Json;
import io.runvault.json.Yaml;
import io.runvault.reports.MetricsFiles;
import io.runvault.reports.Predictions;
import io.runvault.reports.RunReports;
import io.runvault.reports.SampleImage;
import io.runvault.reports.TrainingHistory;
import io.runvault.reports.TrainingSummary;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunDraft;
import io.runvault.training.Augmenter;
import io.runvault.training.DataSelection;
import io.runvault.training.Evaluation;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingParameters;
import io.runvault.training.TrainingProvenance;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Turns a finished training into a committed run with the artifact suite data scientists otherwise
 * build by hand after each training: figures, the Excel summary, the frozen config, the environment,
 * the summary, the best weights and the log. Files are written to the run draft's staging folder in
 * the job's work folder and committed through the draft.
 */
@ApplicationScoped
public class TrainingRunAssembler {

    @Inject
    JobRunDrafts drafts;

    /**
     * How a run differs when it is one of several a job commits (e.g. a cross-validation fold) or is
     * derived from other runs (a study's final model): its own work folder, tags and params added to
     * (or replacing) the training run's, and lineage parents.
     */
    public record Variant(String workDir, Map<String, String> tags, Map<String, Object> params, List<String> parents) {

        public Variant(String workDir, Map<String, String> tags, Map<String, Object> params) {
            this(workDir, tags, params, List.of());
        }
    }

    public String commit(JobEntity job, TrainJobSpec spec, TrainJobRunner.Data data, TrainingResult result,
                         Evaluation test) throws IOException {
        return commit(job, spec, data, result, test, new Variant("run-" + job.executionId(), Map.of(), Map.of()));
    }

    /**
     * The same, for runs other kinds derive from their work (a tuning study's final model): extra
     * lineage parents and tags (which may replace {@code kind}).
     */
    public String commit(JobEntity job, TrainJobSpec spec, TrainJobRunner.Data data, TrainingResult result,
                         Evaluation test, List<String> parents, Map<String, String> extraTags) throws IOException {
        return commit(job, spec, data, result, test,
                new Variant("run-" + job.executionId(), extraTags, Map.of(), parents));
    }

    public String commit(JobEntity job, TrainJobSpec spec, TrainJobRunner.Data data, TrainingResult result,
                         Evaluation test, Variant variant) throws IOException {
        try (RunDraft draft = drafts.open(job, variant.workDir())) {
            return commit(draft, job, spec, data, result, test, variant);
        }
    }

    private String commit(RunDraft draft, JobEntity job, TrainJobSpec spec, TrainJobRunner.Data data,
                          TrainingResult result, Evaluation test, Variant variant) throws IOException {
        Path dir = draft.folder();
        TrainingSpec training = spec.training();

        Map<String, Object> params = params(spec, data);
        params.putAll(variant.params());
        Map<String, Double> metrics = new TreeMap<>(result.finalMetrics());
        if (test != null) {
            metrics.putAll(test.metrics("test_"));
        }
        metrics.values().removeIf(v -> v == null || !Double.isFinite(v));
        Map<String, double[]> series = new LinkedHashMap<>(result.series());

        Map<String, Object> timings = timings(result);
        Map<String, String> env = drafts.environmentSummary();

        TrainingHistory history = TrainingHistory.of(
                training.selectionMetric().externalName().replaceFirst("^val_", ""), series);
        Evaluation validation = result.validation();
        TrainingSummary summary = TrainingSummary.of(params, metrics, timings, env, history,
                Predictions.fromRows(result.classNames(), validation.labels(), probabilityRows(validation)));
        RunReports.writeSuite(dir, summary, samples(data.train(), training));
        MetricsFiles.write(dir, validationMetrics(validation), history, summary.predictions());

        Files.writeString(dir.resolve("reports/config_snapshot.yaml"), Yaml.MAPPER.writeValueAsString(frozen(spec)));
        FileEntry environmentFile = drafts.addEnvironmentAndLog(draft, job);
        TrainingProvenance provenance = TrainingProvenance.of(data.name(), data.digest().toString(), result,
                drafts.appliance());
        Files.writeString(dir.resolve("reports/summary.json"),
                Json.PRETTY.writeValueAsString(summaryJson(job, data, result, provenance, metrics, timings)));
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(dir.resolve(checkpointPath(training)), result.bestParameters());
        // The run's own id is the digest of a manifest that lists model.onnx, so the file names the job.
        OnnxExport.writeExports(dir, training, result.bestParameters(), data.val(), result.classNames(),
                provenance.appliance(), Map.of(OnnxExport.JOB_ID, job.id()));

        series.forEach((name, values) -> draft.series(name, Arrays.stream(values).boxed().toList()));
        draft.experiment(spec.experiment()).params(params).metrics(metrics)
                .tags(spec.tags()).tag("job", job.id()).tag("kind", "train").tags(variant.tags())
                .lineage(provenance.lineage(variant.parents(), environmentFile.digest()));
        return draft.commit(job.submittedBy()).run().id();
    }

    private static Map<String, Object> timings(TrainingResult result) {
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("setup_seconds", result.timings().setup());
        timings.put("mean_epoch_seconds", result.timings().meanEpoch());
        timings.put("total_seconds", result.timings().total());
        timings.put("device", result.device());
        return timings;
    }

    private static double[][] probabilityRows(Evaluation validation) {
        double[][] rows = new double[validation.probabilities().length][];
        for (int i = 0; i < rows.length; i++) {
            float[] p = validation.probabilities()[i];
            rows[i] = new double[p.length];
            for (int c = 0; c < p.length; c++) {
                rows[i][c] = p[c];
            }
        }
        return rows;
    }

    private static Map<String, Double> validationMetrics(Evaluation validation) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", validation.accuracy());
        metrics.put("balanced_accuracy", validation.balancedAccuracy());
        metrics.put("macro_f1", validation.macroF1());
        metrics.put("auc_ovr", validation.auc());
        metrics.put("kappa_quadratic", validation.quadraticKappa());
        metrics.put("log_loss", validation.loss());
        metrics.put("ece", validation.ece());
        return metrics;
    }

    /** reports/summary.json: where the run came from and how it went. */
    private static Map<String, Object> summaryJson(JobEntity job, TrainJobRunner.Data data, TrainingResult result,
                                                   TrainingProvenance provenance, Map<String, Double> metrics,
                                                   Map<String, Object> timings) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("jobId", job.id());
        summary.put("seed", provenance.seed());
        summary.put("dataset", Map.of("name", provenance.datasetName(), "digest", provenance.datasetDigest(),
                "train", data.train().size(), "val", data.val().size(), "test", data.test().size()));
        summary.put("bestEpoch", result.bestEpoch());
        summary.put("earlyStopped", result.earlyStopped());
        summary.put("resumedFrom", result.resumedFrom());
        summary.put("metrics", metrics);
        summary.put("timings", timings);
        summary.put("appliance", provenance.appliance().facts());
        return summary;
    }

    /**
     * The spec with every default filled in: what the run actually used, as {@code config_snapshot.yaml}
     * holds it ({@code kind} first, the members of {@link TrainingConfig}, {@code tags} last) and
     * {@link TrainingConfig#frozen} reads it back.
     */
    public static Map<String, Object> frozen(TrainJobSpec spec) {
        TrainingConfig config = new TrainingConfig(new DataSelection(spec.experiment(), spec.dataset(),
                spec.trainSamples(), spec.testSamples(), spec.tags()), spec.valFraction(),
                TrainingParameters.of(spec.training()));
        Map<String, Object> members = Json.MAPPER.convertValue(config, new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "train");
        members.forEach((key, value) -> {
            if (!key.equals("tags")) {
                out.put(key, value);
            }
        });
        out.put("tags", spec.tags());
        return out;
    }

    /** Run params: the frozen spec flattened to scalars (strings, numbers, booleans). */
    public static Map<String, Object> params(TrainJobSpec spec, TrainJobRunner.Data data) {
        Map<String, Object> params = new TreeMap<>();
        frozen(spec).forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                if (!key.equals("tags")) {
                    nested.forEach((k, v) -> params.put(key + "." + k, scalar(v)));
                }
            } else {
                params.put(key, scalar(value));
            }
        });
        params.put("datasetDigest", data.digest().toString());
        return params;
    }

    private static Object scalar(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value instanceof Boolean ? value : String.valueOf(value);
    }

    /** Where the best weights go: {@code checkpoints/best_<architecture>.params}. */
    public static String checkpointPath(TrainingSpec training) {
        return "checkpoints/best_" + training.architecture().externalName() + ".params";
    }

    /**
     * Twelve training images picked by the seed and passed through the spec's augmentation, so the
     * grid shows what the model was fed and the same spec shows the same grid.
     */
    private static List<SampleImage> samples(LabelledImages train, TrainingSpec training) {
        List<SampleImage> samples = new ArrayList<>();
        int per = train.channels() * train.height() * train.width();
        SplittableRandom random = new SplittableRandom(training.seed());
        Augmenter augmenter = training.augmentation().enabled()
                ? new Augmenter(training.augmentation(), train.channels(), train.height(), train.width()) : null;
        for (int i = 0; i < 12 && train.size() > 0; i++) {
            int index = random.nextInt(train.size());
            float[] chw = train.pixels(index, 1);
            if (augmenter != null) {
                augmenter.apply(chw, 0, random);
            }
            samples.add(SampleImage.of(train.channels(), train.height(), train.width(), chw,
                    train.classNames().get(train.labels()[index])));
        }
        return samples;
    }
}
