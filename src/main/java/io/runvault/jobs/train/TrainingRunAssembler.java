package io.runvault.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runvault.config.Settings;
import io.runvault.datasets.LabelledImages;
import io.runvault.export.OnnxExport;
import io.runvault.reports.MetricsFiles;
import io.runvault.reports.Predictions;
import io.runvault.reports.RunReports;
import io.runvault.reports.SampleImage;
import io.runvault.reports.TrainingHistory;
import io.runvault.reports.TrainingSummary;
import io.runvault.runs.FileEntry;
import io.runvault.runs.FileMediaTypes;
import io.runvault.runs.RunPath;
import io.runvault.runs.Lineage;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunService;
import io.runvault.store.BlobStore;
import io.runvault.training.Augmenter;
import io.runvault.training.Evaluation;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingSpec;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns a finished training into a committed run with the artifact suite the users of seeds 000
 * and 002 build by hand: figures, the Excel summary, the frozen config, the environment, the
 * summary, the best weights and the log. Files are written to the job's work folder, stored as
 * blobs, and the manifest names them.
 */
@ApplicationScoped
public class TrainingRunAssembler {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject
    Settings settings;

    @Inject
    BlobStore blobs;

    @Inject
    RunService runs;

    @Inject
    JobLog log;

    @Inject
    EnvironmentReport environment;

    @Inject
    Clock clock;

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
        Path dir = settings.dataDirectory().resolve("jobs").resolve(job.id()).resolve(variant.workDir());
        deleteTree(dir);
        Files.createDirectories(dir);
        TrainingSpec training = spec.training();

        Map<String, Object> params = params(spec, data);
        params.putAll(variant.params());
        Map<String, Double> metrics = new TreeMap<>(result.finalMetrics());
        if (test != null) {
            metrics.putAll(test.metrics("test_"));
        }
        metrics.values().removeIf(v -> v == null || !Double.isFinite(v));
        Map<String, double[]> series = new LinkedHashMap<>(result.series());

        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("setup_seconds", result.timings().setup());
        timings.put("mean_epoch_seconds", result.timings().meanEpoch());
        timings.put("total_seconds", result.timings().total());
        timings.put("device", result.device());
        Map<String, String> env = environment.summary();

        TrainingHistory history = TrainingHistory.of(training.selectionMetric().replaceFirst("^val_", ""), series);
        Evaluation validation = result.validation();
        double[][] rows = new double[validation.probabilities().length][];
        for (int i = 0; i < rows.length; i++) {
            float[] p = validation.probabilities()[i];
            rows[i] = new double[p.length];
            for (int c = 0; c < p.length; c++) {
                rows[i][c] = p[c];
            }
        }
        TrainingSummary summary = TrainingSummary.of(params, metrics, timings, env, history,
                Predictions.fromRows(result.classNames(), validation.labels(), rows));
        RunReports.writeSuite(dir, summary, samples(data.train(), training));
        Map<String, Double> validationMetrics = new LinkedHashMap<>();
        validationMetrics.put("accuracy", validation.accuracy());
        validationMetrics.put("balanced_accuracy", validation.balancedAccuracy());
        validationMetrics.put("macro_f1", validation.macroF1());
        validationMetrics.put("auc_ovr", validation.auc());
        validationMetrics.put("kappa_quadratic", validation.quadraticKappa());
        validationMetrics.put("log_loss", validation.loss());
        validationMetrics.put("ece", validation.ece());
        MetricsFiles.write(dir, validationMetrics, history, summary.predictions());

        Files.writeString(dir.resolve("reports/config_snapshot.yaml"), YAML.writeValueAsString(frozen(spec)));
        Files.writeString(dir.resolve("reports/environment.txt"), environment.text());
        Map<String, Object> summaryJson = new LinkedHashMap<>();
        summaryJson.put("jobId", job.id());
        summaryJson.put("seed", training.seed());
        summaryJson.put("dataset", Map.of("name", data.name(), "digest", data.digest().toString(),
                "train", data.train().size(), "val", data.val().size(), "test", data.test().size()));
        summaryJson.put("bestEpoch", result.bestEpoch());
        summaryJson.put("earlyStopped", result.earlyStopped());
        summaryJson.put("resumedFrom", result.resumedFrom());
        summaryJson.put("metrics", metrics);
        summaryJson.put("timings", timings);
        summaryJson.put("appliance", Map.of("version", environment.applianceVersion(), "commit", environment.gitCommit(),
                "dirty", environment.gitDirty()));
        Files.writeString(dir.resolve("reports/summary.json"), JSON.writeValueAsString(summaryJson));
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(dir.resolve(checkpointPath(training)), result.bestParameters());
        // The run's own id is the digest of a manifest that lists model.onnx, so the file names the job.
        OnnxExport.writeExports(dir, training, result.bestParameters(), data.val(), result.classNames(),
                Map.of(OnnxExport.JOB_ID, job.id()));
        Files.createDirectories(dir.resolve("logs"));
        Files.copy(log.file(job.id()), dir.resolve("logs/run.log"));

        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(store(dir, file));
            }
        }
        String environmentDigest = files.stream().filter(f -> f.path().equals("reports/environment.txt"))
                .findFirst().orElseThrow().digest();

        TreeMap<String, List<Double>> manifestSeries = new TreeMap<>();
        series.forEach((name, values) -> {
            if (Arrays.stream(values).allMatch(Double::isFinite)) {
                manifestSeries.put(name, Arrays.stream(values).boxed().toList());
            }
        });
        TreeMap<String, String> tags = new TreeMap<>(spec.tags());
        tags.put("job", job.id());
        tags.put("kind", "train");
        tags.putAll(variant.tags());
        Instant createdAt = clock.instant();
        RunManifest manifest = new RunManifest(spec.experiment(), createdAt, new TreeMap<>(params), new TreeMap<>(metrics),
                manifestSeries, tags, new Lineage(variant.parents(), data.digest().toString(), data.name(),
                        environment.codeVersion(), environmentDigest), files);
        String runId = runs.commit(manifest, job.submittedBy()).run().id();
        deleteTree(dir);
        return runId;
    }

    public FileEntry store(Path root, Path file) throws IOException {
        // Run files are small (figures, reports, weights): one read, hashed while stored.
        BlobStore.PutResult stored = blobs.put(Files.readAllBytes(file));
        String path = root.relativize(file).toString().replace('\\', '/');
        return new FileEntry(path, stored.digest().toString(), stored.size(), FileMediaTypes.forPath(RunPath.of(path)));
    }

    /** The spec with every default filled in: what the run actually used. */
    public static Map<String, Object> frozen(TrainJobSpec spec) {
        TrainingSpec t = spec.training();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "train");
        out.put("experiment", spec.experiment());
        out.put("dataset", spec.dataset());
        out.put("trainSamples", spec.trainSamples());
        out.put("testSamples", spec.testSamples());
        out.put("valFraction", spec.valFraction());
        out.put("architecture", t.architecture());
        out.put("depth", t.depth());
        out.put("epochs", t.epochs());
        out.put("batchSize", t.batchSize());
        out.put("optimizer", t.optimizer());
        out.put("momentum", t.momentum());
        out.put("learningRate", t.learningRate());
        out.put("schedule", t.schedule());
        out.put("stepSize", t.stepSize());
        out.put("stepGamma", t.stepGamma());
        out.put("weightDecay", t.weightDecay());
        out.put("seed", t.seed());
        out.put("augmentation", Map.of("flip", t.augmentation().flip(), "translate", t.augmentation().translate(),
                "rotation", t.augmentation().rotation(), "noise", t.augmentation().noise()));
        out.put("classWeights", t.classWeights());
        out.put("patience", t.patience());
        out.put("selectionMetric", t.selectionMetric());
        out.put("device", t.device());
        out.put("threads", t.threads());
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
        return "checkpoints/best_" + training.architecture() + ".params";
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
            float[] chw = Arrays.copyOfRange(train.pixels(), index * per, (index + 1) * per);
            if (augmenter != null) {
                augmenter.apply(chw, 0, random);
            }
            samples.add(SampleImage.of(train.channels(), train.height(), train.width(), chw,
                    train.classNames().get(train.labels()[index])));
        }
        return samples;
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
