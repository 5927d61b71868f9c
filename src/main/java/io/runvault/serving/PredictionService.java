package io.runvault.serving;

import io.runvault.config.Settings;
import io.runvault.export.ModelMismatchException;
import io.runvault.export.OnnxClassifier;
import io.runvault.export.RunModels;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.problem.ConflictException;
import io.runvault.problem.PayloadTooLargeException;
import io.runvault.problem.UnprocessableException;
import io.runvault.runs.FileEntry;
import io.runvault.store.BlobStore;
import io.runvault.store.ContentLength;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers prediction requests with a model version's ONNX file through ONNX Runtime: the version's
 * own file when it is ONNX, else its run's ONNX export. The production version is looked up on every
 * request, so a promotion takes effect on the next one.
 */
@ApplicationScoped
public class PredictionService {

    @Inject
    ModelService models;

    @Inject
    BlobStore blobs;

    @Inject
    RunModels runModels;

    @Inject
    ModelSessions sessions;

    @Inject
    Settings settings;

    private static final int MAX_KNOWN_FILES = 10_000;
    private final Map<String, FileEntry> files = new ConcurrentHashMap<>();

    /** The version that would answer: {@code number}, or the production version when null. */
    public ModelVersion version(String model, Integer number) {
        if (number != null) {
            return models.version(model, number);
        }
        models.model(model);
        return models.production(model).orElseThrow(() -> new ConflictException("no-production-version",
                "Model " + model + " has no version in production; promote one, or ask a version by number "
                        + "(versions/{version}/predict)"));
    }

    /**
     * Classifies the images in {@code body}, read as the served model's input once it is loaded.
     *
     * @param reader turns the body into images of the model's shape {@code {C, H, W}}
     */
    public Prediction predict(ModelVersion version, Function<int[], PredictionImages> reader) {
        FileEntry file = onnxFile(version);
        try (ModelSessions.Lease lease = sessions.lease(file.blob(),
                () -> OnnxClassifier.open(blobs.readAllBytes(file.blob())))) {
            OnnxClassifier classifier = lease.classifier();
            PredictionImages images = reader.apply(classifier.imageShape());
            float[][] rows = classifier.classify(images.pixels(), images.batchShape());
            List<String> classes = classifier.classNames();
            List<Prediction.ImagePrediction> answers = new ArrayList<>(rows.length);
            for (float[] row : rows) {
                int top = OnnxClassifier.top(row);
                answers.add(new Prediction.ImagePrediction(classes.get(top), top, row));
            }
            return new Prediction(version.modelName(), version.version(), version.stage().wire(), version.runId(),
                    file.path(), classes, answers);
        } catch (ModelMismatchException e) {
            throw new UnprocessableException("model-not-servable", "Version " + version.version() + " of "
                    + version.modelName() + " (" + file.path() + " in run " + version.runId() + ") cannot be served: "
                    + e.getMessage());
        }
    }

    /** Reads a request body (within the configured limits) and classifies its images with {@code version}. */
    public Prediction predict(ModelVersion version, HttpHeaders headers, InputStream body) throws IOException {
        long limit = settings.predictMaxBytes();
        if (ContentLength.declared(headers) > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        boolean imageFile = isImageFile(headers.getMediaType());
        int maxBatch = settings.predictMaxBatch();
        return predict(version, shape -> imageFile ? PredictionImages.ofImageFile(bytes, shape)
                : PredictionImages.ofJson(bytes, shape, maxBatch));
    }

    private static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("prediction-too-large", "A prediction request may be at most " + limit
                + " bytes", Map.of("maxBytes", limit));
    }

    private static boolean isImageFile(MediaType type) {
        return type != null && type.getType().equals("image")
                && (type.getSubtype().equals("png") || type.getSubtype().equals("jpeg"));
    }

    /**
     * The version's ONNX file. Runs are immutable and named by their content, so the answer for a run
     * and a path never changes: it is kept instead of reading the run's manifest on every request.
     */
    private FileEntry onnxFile(ModelVersion version) {
        String key = version.runId() + "\n" + version.filePath();
        FileEntry known = files.get(key);
        if (known != null) {
            return known;
        }
        FileEntry found = findOnnxFile(version);
        if (files.size() >= MAX_KNOWN_FILES) {
            files.clear();
        }
        files.put(key, found);
        return found;
    }

    private FileEntry findOnnxFile(ModelVersion version) {
        return runModels.onnxOf(version.runId(), version.filePath()).orElseThrow(() -> new UnprocessableException(
                "model-not-servable", "Version " + version.version() + " of " + version.modelName() + " points at "
                        + version.filePath() + " and its run " + version.runId() + " has no ONNX file "
                        + "(exports/model.onnx or a single *.onnx); export the run to ONNX and register that version"));
    }
}
