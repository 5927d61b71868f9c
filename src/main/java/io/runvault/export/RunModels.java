package io.runvault.export;

import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.Classifier;
import io.runvault.json.Json;
import io.runvault.json.Yaml;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunEntity;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunService;
import io.runvault.store.BlobStore;
import io.runvault.training.Checkpoint;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The model inside a run, as a {@link Classifier}: the ONNX file (a training run's
 * {@code exports/model.onnx}, or the one {@code *.onnx} of a run a client pushed) through ONNX
 * Runtime, or the DJL checkpoint rebuilt from the run's frozen training spec.
 */
@ApplicationScoped
public class RunModels {

    public static final List<String> ENGINES = List.of("auto", "onnx", "djl");

    @Inject
    RunService runs;

    @Inject
    BlobStore blobs;

    /** A run's model files; either may be null. */
    public record ModelFiles(FileEntry onnx, FileEntry checkpoint, FileEntry config) {

        boolean hasDjl() {
            return checkpoint != null && config != null;
        }
    }

    /** A classifier ready to run, which engine and file it came from, and its preprocessing. */
    public record Opened(Classifier classifier, String engine, String file, Normalization normalization,
                         AutoCloseable resources) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /** {@code exports/model.onnx}, else the run's only {@code .onnx} file; checkpoints/best*.params with its config. */
    public static ModelFiles locate(RunManifest manifest) {
        List<FileEntry> onnx = manifest.files().stream().filter(f -> f.path().endsWith(".onnx")).toList();
        FileEntry model = onnx.stream().filter(f -> f.path().equals(OnnxExport.MODEL_PATH)).findFirst()
                .orElse(onnx.size() == 1 ? onnx.get(0) : null);
        List<FileEntry> checkpoints = manifest.files().stream()
                .filter(f -> f.path().startsWith("checkpoints/best") && f.path().endsWith(".params")
                        && f.path().indexOf('/', "checkpoints/".length()) < 0)
                .toList();
        FileEntry config = manifest.files().stream().filter(f -> f.path().equals(RunExportService.CONFIG_PATH))
                .findFirst().orElse(null);
        return new ModelFiles(model, checkpoints.size() == 1 ? checkpoints.get(0) : null, config);
    }

    /** Why the run cannot be evaluated with {@code engine}, checked at submit (no loading); empty when it can. */
    public Optional<String> unusable(String runId, String engine) {
        Optional<RunEntity> run = runs.find(runId);
        if (run.isEmpty()) {
            return Optional.of("run '" + runId + "' is not known");
        }
        ModelFiles files = locate(runs.manifest(run.get()));
        boolean onnx = files.onnx() != null;
        boolean djl = files.hasDjl();
        return switch (engine) {
            case "onnx" -> onnx ? Optional.empty() : Optional.of("run " + runId + " has no ONNX file ("
                    + OnnxExport.MODEL_PATH + " or a single *.onnx)");
            case "djl" -> djl ? Optional.empty() : Optional.of("run " + runId + " has no DJL checkpoint "
                    + "(one checkpoints/best*.params with " + RunExportService.CONFIG_PATH + ")");
            default -> onnx || djl ? Optional.empty() : Optional.of("run " + runId + " has neither an ONNX file ("
                    + OnnxExport.MODEL_PATH + " or a single *.onnx) nor a DJL checkpoint (checkpoints/best*.params with "
                    + RunExportService.CONFIG_PATH + ")");
        };
    }

    /**
     * Opens the run's model for images like {@code images}; {@code auto} prefers the ONNX file.
     *
     * @param override preprocessing from the job spec, or null (the model's metadata, else pixel/255)
     * @throws ModelMismatchException when the model cannot run on these images
     */
    public Opened open(String runId, String engine, LabelledImages images, Normalization override) {
        ModelFiles files = locate(runs.manifest(runs.get(runId)));
        boolean useOnnx = engine.equals("onnx") || engine.equals("auto") && files.onnx() != null;
        if (useOnnx) {
            if (files.onnx() == null) {
                throw new ModelMismatchException("run " + runId + " has no ONNX file");
            }
            OnnxClassifier onnx = OnnxClassifier.open(read(files.onnx()), images.channels(), images.height(),
                    images.width(), images.numClasses(), override);
            return new Opened(onnx, "onnx", files.onnx().path(), onnx.normalization(), onnx);
        }
        if (!files.hasDjl()) {
            throw new ModelMismatchException("run " + runId + " has no DJL checkpoint with its config snapshot");
        }
        TrainingSpec spec = trainingSpec(read(files.config()));
        byte[] parameters = parameters(read(files.checkpoint()));
        Normalization normalization = override == null ? Normalization.DEFAULT : override;
        String misfit = normalization.misfit(images.channels());
        if (misfit != null) {
            throw new ModelMismatchException(misfit);
        }
        List<String> classes = images.classNames();
        Classifier djl = (pixels, shape) -> {
            float[] prepared = normalization.apply(pixels, shape[1], shape[2], shape[3]);
            LabelledImages batch = new LabelledImages(prepared, new int[shape[0]], shape[1], shape[2], shape[3], classes);
            try {
                return new Trainer().evaluate(spec, parameters, batch).probabilities();
            } catch (RuntimeException e) {
                // DJL refuses parameters that do not fit the network built for these images.
                throw new ModelMismatchException("the checkpoint " + files.checkpoint().path() + " does not fit "
                        + shape[1] + "x" + shape[2] + "x" + shape[3] + " images in " + classes.size() + " classes: "
                        + e.getMessage(), e);
            }
        };
        return new Opened(djl, "djl", files.checkpoint().path(), normalization, () -> { });
    }

    private TrainingSpec trainingSpec(byte[] yaml) {
        try {
            // Only the network matters here, not whether the training data is on this appliance.
            return TrainingConfig.frozen(Yaml.MAPPER.readTree(yaml)).parameters().toSpec();
        } catch (IOException | RuntimeException e) {
            throw new ModelMismatchException(RunExportService.CONFIG_PATH + " is not a usable training spec: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The ONNX file of a model version that points at {@code path} in run {@code runId}: that file
     * when it is ONNX, else the run's ONNX file ({@link #locate}); empty when there is none.
     */
    public Optional<FileEntry> onnxOf(String runId, String path) {
        RunEntity run = runs.get(runId);
        if (path.endsWith(".onnx")) {
            return Optional.of(runs.file(run, io.runvault.runs.RunPath.of(path)));
        }
        return Optional.ofNullable(locate(runs.manifest(run)).onnx());
    }

    /** Raw DJL parameters, or the best parameters of a whole training checkpoint (no optimizer state). */
    public static byte[] parameters(byte[] stored) {
        if (stored.length >= 6 && new String(stored, 0, 6, StandardCharsets.ISO_8859_1).equals("RVCKPT")) {
            try {
                return Checkpoint.fromBytes(stored).bestParameters();
            } catch (IOException e) {
                throw new ModelMismatchException("the checkpoint is damaged: " + e.getMessage(), e);
            }
        }
        return Arrays.copyOf(stored, stored.length);
    }

    private byte[] read(FileEntry file) {
        try {
            return blobs.readAllBytes(file.blob());
        } catch (IOException e) {
            throw new ModelMismatchException("the blob of " + file.path() + " is unreadable: " + e.getMessage(), e);
        }
    }
}
