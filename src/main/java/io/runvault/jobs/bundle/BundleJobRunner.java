package io.runvault.jobs.bundle;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.export.ModelMismatchException;
import io.runvault.export.OnnxClassifier;
import io.runvault.export.OnnxOptimization;
import io.runvault.export.OnnxServingBenchmark;
import io.runvault.export.ParityThresholds;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobProgress;
import io.runvault.jobs.JobService;
import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.evaluate.DerivedRuns;
import io.runvault.jobs.evaluate.EvaluationData;
import io.runvault.json.Json;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.TransitionView;
import io.runvault.models.VersionView;
import io.runvault.promotion.ModelCards;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunService;
import io.runvault.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one production bundle: reads the version's ONNX file, optimises it and checks the copy
 * against it on validation images, measures it, writes the deployment files, the changelog against
 * the previous production version and the model card, and commits them as a run whose parent is the
 * version's run. A check that fails fails the job with its numbers; nothing is committed.
 */
@ApplicationScoped
public class BundleJobRunner {

    static final long SEED = 42;
    private static final int STAGES = 5;
    private static final int BENCHMARK_IMAGES = 256;

    @Inject
    JobExecution execution;

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Inject
    ModelService models;

    @Inject
    RunService runs;

    @Inject
    RunModels runModels;

    @Inject
    BlobStore blobs;

    @Inject
    DatasetCatalog datasets;

    @Inject
    DerivedRuns derived;

    @Inject
    ModelCards cards;

    public String run(String jobId, long executionId) throws Exception {
        return execution.execute(jobId, executionId, (job, live) -> {
            BundleJobRequest spec = RequestBinder.read(job.spec(), BundleJobRequest.class);
            ModelVersion version = models.version(spec.model(), spec.version());
            VersionView view = models.view(version);
            RunManifest manifest = runs.manifest(runs.get(version.runId()));
            FileEntry onnxFile = onnx(version);
            String datasetName = spec.dataset() != null ? spec.dataset() : manifest.lineage().datasetName();
            DatasetCatalog.Loaded dataset = datasets.load(datasetName);
            LabelledImages images = EvaluationData.select(dataset, "val", spec.samples(), SEED);
            Path dir = derived.workFolder(job);
            Stages stages = new Stages(jobId, live);
            log.append(jobId, "bundle of " + spec.model() + " version " + spec.version() + " (" + onnxFile.path() + " of run "
                    + version.runId() + "), checked on " + images.size() + " validation images of " + dataset.name());

            byte[] original = blobs.readAllBytes(onnxFile.blob());
            write(dir, "model/model.onnx", original);
            byte[] optimized = OnnxOptimization.optimize(original, dir);
            write(dir, "model/model.optimized.onnx", optimized);
            FileEntry checkpoint = RunModels.locate(manifest).checkpoint();
            if (checkpoint != null) {
                write(dir, "model/weights.params", RunModels.parameters(blobs.readAllBytes(checkpoint.blob())));
            }
            stages.done("model: " + original.length + " bytes, optimised " + optimized.length + " bytes"
                    + (checkpoint == null ? "; the run has no DJL checkpoint, so no weights file" : "; weights from " + checkpoint.path()));

            Map<String, Object> parity = OnnxOptimization.parity(original, optimized, images, ParityThresholds.DEFAULT);
            writeJson(dir, "model/optimization_parity.json", parity);
            if (!Boolean.TRUE.equals(parity.get("passed"))) {
                throw new ModelMismatchException("the optimised model does not match the original on " + images.size()
                        + " images: max_abs_diff " + parity.get("max_abs_diff") + ", argmax_agreement "
                        + parity.get("argmax_agreement"));
            }
            stages.done("optimised model matches the original: max_abs_diff " + parity.get("max_abs_diff"));

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("optimization_max_abs_diff", ((Number) parity.get("max_abs_diff")).doubleValue());
            try (OnnxClassifier classifier = OnnxClassifier.open(optimized)) {
                int[] chw = classifier.imageShape();
                int n = Math.min(images.size(), BENCHMARK_IMAGES);
                float[] prepared = classifier.normalization().apply(images.pixels(0, n), chw[0], chw[1], chw[2]);
                int threads = spec.threads() > 0 ? spec.threads() : Runtime.getRuntime().availableProcessors();
                OnnxServingBenchmark.Result measured = OnnxServingBenchmark.run(optimized, prepared, n, chw, threads);
                Map<String, Object> benchmarks = new LinkedHashMap<>();
                benchmarks.put("model", "model/model.optimized.onnx");
                benchmarks.putAll(measured.benchmarks());
                writeJson(dir, "performance/benchmarks.json", benchmarks);
                Map<String, Object> resources = new LinkedHashMap<>(measured.resources());
                resources.put("original_model_bytes", original.length);
                writeJson(dir, "performance/resource_usage.json", resources);
                @SuppressWarnings("unchecked")
                Map<String, Object> latency = (Map<String, Object>) measured.benchmarks().get("latency");
                metrics.put("latency_p50_ms", ((Number) latency.get("p50_ms")).doubleValue());
                metrics.put("latency_p99_ms", ((Number) latency.get("p99_ms")).doubleValue());
                stages.done("latency at batch 1: p50 " + latency.get("p50_ms") + " ms, p99 " + latency.get("p99_ms")
                        + " ms with " + threads + " threads");

                BundleDeployment.write(dir, view, classifier, images);
                stages.done("deployment files written");
            }

            VersionView previous = previousProduction(version, view);
            RunManifest previousRun = previous == null ? null : runs.manifest(runs.get(previous.runId()));
            BundleChangelog.Comparison comparison = previous == null ? null : compare(previous, original, images, dataset.name());
            Files.writeString(dir.resolve("CHANGELOG.md"),
                    BundleChangelog.write(view, manifest, previous, previousRun, comparison), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("README.md"), cards.markdown(version.modelName(), version.version()),
                    StandardCharsets.UTF_8);
            stages.done(previous == null ? "changelog: the model's first production version"
                    : "changelog against version " + previous.version());

            Map<String, Object> params = new LinkedHashMap<>();
            params.put("model", spec.model());
            params.put("version", spec.version());
            params.put("modelFile", onnxFile.path());
            params.put("dataset", dataset.name());
            params.put("samples", images.size());
            params.put("previousVersion", previous == null ? null : previous.version());
            return derived.commit(job, dir, new DerivedRuns.Content(spec.experiment(), Json.MAPPER.convertValue(spec, Map.class),
                    params, metrics, Map.of("kind", BundleJobKind.NAME, "model", spec.model(),
                            "version", String.valueOf(spec.version())),
                    List.of(version.runId()), derived.provenance(dataset, SEED)));
        });
    }

    private FileEntry onnx(ModelVersion version) {
        return runModels.onnxOf(version.runId(), version.filePath()).orElseThrow(() -> new ModelMismatchException(
                "version " + version.version() + " of " + version.modelName() + " has no ONNX file"));
    }

    /**
     * The version that was in production before this one: the other version whose last move into
     * production is the latest before this version's (or, for a version not in production, the
     * current production version).
     */
    private VersionView previousProduction(ModelVersion version, VersionView view) {
        TransitionView entered = BundleChangelog.entered(view.history());
        ModelVersion best = null;
        TransitionView bestEntered = null;
        // Stage histories only: the runs are read for the one version chosen.
        for (ModelVersion other : models.versions(version.modelName())) {
            if (other.version() == version.version()) {
                continue;
            }
            TransitionView at = BundleChangelog.entered(models.history(other));
            if (at != null && (entered == null || at.at().isBefore(entered.at()))
                    && (bestEntered == null || at.at().isAfter(bestEntered.at()))) {
                best = other;
                bestEntered = at;
            }
        }
        return best == null ? null : models.view(best);
    }

    /** Both models scored on the same images, or why the previous one could not be. */
    private BundleChangelog.Comparison compare(VersionView previous, byte[] current, LabelledImages images, String dataset) {
        FileEntry file = runModels.onnxOf(previous.runId(), previous.path()).orElse(null);
        if (file == null) {
            return new BundleChangelog.Comparison(dataset, null, null,
                    "Version " + previous.version() + " has no ONNX file, so the two were not scored on the same images.");
        }
        try (OnnxClassifier was = OnnxClassifier.open(blobs.readAllBytes(file.blob()));
             OnnxClassifier is = OnnxClassifier.open(current)) {
            return new BundleChangelog.Comparison(dataset, correct(was, images), correct(is, images), null);
        } catch (IOException | ModelMismatchException e) {
            return new BundleChangelog.Comparison(dataset, null, null,
                    "Version " + previous.version() + " could not be scored on these images: " + e.getMessage());
        }
    }

    private static boolean[] correct(OnnxClassifier classifier, LabelledImages images) {
        int[] chw = classifier.imageShape();
        boolean[] right = new boolean[images.size()];
        for (int from = 0; from < images.size(); from += 256) {
            int count = Math.min(256, images.size() - from);
            float[][] rows = classifier.classify(images.pixels(from, count), new int[] {count, chw[0], chw[1], chw[2]});
            for (int i = 0; i < count; i++) {
                right[from + i] = OnnxClassifier.top(rows[i]) == images.labels()[from + i];
            }
        }
        return right;
    }

    static void write(Path dir, String path, byte[] bytes) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    static void writeJson(Path dir, String path, Object value) throws IOException {
        write(dir, path, Json.PRETTY.writeValueAsBytes(value));
    }

    /** Progress over the bundle's stages, one log line each; a stop request ends the job between stages. */
    private final class Stages {
        private final String jobId;
        private final JobProgress live;
        private int done;

        Stages(String jobId, JobProgress live) {
            this.jobId = jobId;
            this.live = live;
            live.moveTo(1, 0, STAGES);
        }

        void done(String line) {
            done++;
            live.step(1, done, STAGES);
            jobs.progress(jobId, 1, done, STAGES, null);
            log.append(jobId, "[" + done + "/" + STAGES + "] " + line);
            if (live.stopRequested()) {
                throw new JobExecution.Stopped();
            }
        }
    }
}
