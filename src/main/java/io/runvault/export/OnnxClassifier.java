package io.runvault.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.runvault.evaluation.Classifier;
import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.json.Json;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Any image classifier in ONNX (ours or one a client pushed) run by ONNX Runtime on the CPU. Its one
 * input must be a float N x C x H x W tensor whose fixed dimensions match the images, and its first
 * output N x classes; logits are turned into probabilities with a softmax. Every problem is a
 * {@link ModelMismatchException} naming it, so a job fails with that reason.
 */
public final class OnnxClassifier implements Classifier, AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final long fixedBatch;
    private final int classes;
    private final int[] imageShape;
    private final List<String> classNames;
    private final Normalization normalization;

    private OnnxClassifier(OrtEnvironment environment, OrtSession session, String input, String output,
                           long fixedBatch, int[] imageShape, List<String> classNames, Normalization normalization) {
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.output = output;
        this.fixedBatch = fixedBatch;
        this.classes = classNames.size();
        this.imageShape = imageShape;
        this.classNames = List.copyOf(classNames);
        this.normalization = normalization;
    }

    /**
     * Loads and checks a model against images of {@code channels x height x width} in {@code classes}
     * classes. {@code override} (may be null) wins over the model's {@code input_normalisation} metadata,
     * which wins over {@link Normalization#DEFAULT}.
     */
    public static OnnxClassifier open(byte[] model, int channels, int height, int width, int classes,
                                      Normalization override) {
        return open(model, new long[] {-1, channels, height, width}, classes, override);
    }

    /**
     * Loads a model that says itself what it takes: fixed C, H and W on its input and a fixed class
     * count on its output (or in its {@code class_names} metadata), as a served model must.
     */
    public static OnnxClassifier open(byte[] model) {
        return open(model, null, -1, null);
    }

    /** {@code want} null: the model's own fixed dimensions are the images'; {@code classes} -1: the model's. */
    private static OnnxClassifier open(byte[] model, long[] want, int classes, Normalization override) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new ModelMismatchException("ONNX Runtime cannot load the model (truncated or malformed file, "
                    + "or an unsupported operator): " + e.getMessage(), e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new ModelMismatchException("the model has " + inputs.size() + " inputs " + inputs.keySet()
                        + "; an image classifier has one (N x C x H x W)");
            }
            NodeInfo in = inputs.values().iterator().next();
            if (!(in.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
                throw new ModelMismatchException("the model's input '" + in.getName() + "' is " + in.getInfo()
                        + "; a float tensor is needed");
            }
            long[] shape = tensor.getShape();
            if (want == null) {
                if (shape.length != 4 || shape[1] <= 0 || shape[2] <= 0 || shape[3] <= 0) {
                    throw new ModelMismatchException("the model's input '" + in.getName() + "' has shape " + dims(shape)
                            + "; a served model declares a fixed image size [N, C, H, W]");
                }
                want = shape.clone();
            }
            boolean fits = shape.length == 4;
            for (int d = 1; fits && d < 4; d++) {
                fits = shape[d] <= 0 || shape[d] == want[d];
            }
            if (!fits) {
                throw new ModelMismatchException("the model's input '" + in.getName() + "' has shape "
                        + dims(shape) + "; the dataset's images need [N, " + want[1] + ", " + want[2] + ", "
                        + want[3] + "] (NCHW)");
            }
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            List<String> names = classNames(metadata.get(OnnxExport.CLASS_NAMES));
            NodeInfo out = session.getOutputInfo().values().iterator().next();
            long declared = out.getInfo() instanceof TensorInfo o && o.getShape().length == 2 ? o.getShape()[1] : -1;
            if (classes < 0) {
                classes = declared > 0 ? (int) declared : names == null ? -1 : names.size();
                if (classes <= 0) {
                    throw new ModelMismatchException("the model's output '" + out.getName()
                            + "' declares no class count and the model has no class_names metadata");
                }
            }
            if (out.getInfo() instanceof TensorInfo o) {
                long[] outShape = o.getShape();
                if (outShape.length != 2 || outShape[1] > 0 && outShape[1] != classes) {
                    throw new ModelMismatchException("the model's output '" + out.getName() + "' has shape "
                            + dims(outShape) + "; the dataset has " + classes + " classes: [N, " + classes + "] is needed");
                }
            }
            Normalization normalization = override;
            if (normalization == null) {
                normalization = Normalization.fromMetadata(metadata.get(OnnxExport.INPUT_NORMALISATION));
            }
            if (normalization == null) {
                normalization = Normalization.DEFAULT;
            }
            String misfit = normalization.misfit((int) want[1]);
            if (misfit != null) {
                throw new ModelMismatchException(misfit);
            }
            if (names == null || names.size() != classes) {
                names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
            }
            return new OnnxClassifier(environment, session, in.getName(), out.getName(),
                    shape[0] > 0 ? shape[0] : -1, new int[] {(int) want[1], (int) want[2], (int) want[3]}, names,
                    normalization);
        } catch (OrtException e) {
            close(session);
            throw new ModelMismatchException("ONNX Runtime cannot read the model's inputs and outputs: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    /** The {@code class_names} metadata OnnxExport writes (a JSON list of strings), or null. */
    private static List<String> classNames(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            if (!node.isArray()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            node.forEach(n -> names.add(n.asText()));
            return names;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The image shape the model takes: {@code {C, H, W}}. */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The model's input and output names. */
    public String inputName() {
        return input;
    }

    public String outputName() {
        return output;
    }

    /** One name per class: the model's {@code class_names} metadata, else the class indices. */
    public List<String> classNames() {
        return classNames;
    }

    /** The preprocessing in use. */
    public Normalization normalization() {
        return normalization;
    }

    @Override
    public float[][] classify(float[] pixels, int[] shape) {
        int n = shape[0];
        int per = shape[1] * shape[2] * shape[3];
        float[] prepared = normalization.apply(pixels, shape[1], shape[2], shape[3]);
        float[][] rows = new float[n][];
        int step = fixedBatch > 0 ? (int) fixedBatch : Math.max(n, 1);
        for (int from = 0; from < n; from += step) {
            int count = Math.min(step, n - from);
            // A model with a fixed batch size gets full batches; the padding rows are dropped.
            float[] batch = fixedBatch > 0 ? Arrays.copyOfRange(prepared, from * per, (from + step) * per)
                    : prepared.length == (long) count * per ? prepared
                    : Arrays.copyOfRange(prepared, from * per, (from + count) * per);
            float[] flat = run(batch, new long[] {fixedBatch > 0 ? step : count, shape[1], shape[2], shape[3]});
            for (int i = 0; i < count; i++) {
                rows[from + i] = probabilities(Arrays.copyOfRange(flat, i * classes, (i + 1) * classes));
            }
        }
        return rows;
    }

    private float[] run(float[] batch, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(batch), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxValue value = result.get(output).orElseThrow(
                    () -> new ModelMismatchException("the model gave no '" + output + "' output"));
            if (!(value instanceof OnnxTensor out) || ((TensorInfo) out.getInfo()).type != OnnxJavaType.FLOAT) {
                throw new ModelMismatchException("the model's output '" + output + "' is not a float tensor");
            }
            long[] got = out.getInfo().getShape();
            if (got.length != 2 || got[0] != shape[0] || got[1] != classes) {
                throw new ModelMismatchException("the model's output '" + output + "' has shape " + dims(got)
                        + " for " + shape[0] + " images; [" + shape[0] + ", " + classes + "] is needed (one score per class)");
            }
            FloatBuffer values = out.getFloatBuffer();
            float[] flat = new float[values.remaining()];
            values.get(flat);
            return flat;
        } catch (OrtException e) {
            throw new ModelMismatchException("ONNX Runtime could not run the model: " + e.getMessage(), e);
        }
    }

    /** The index of the row's largest value (the first on ties): the predicted class. */
    public static int top(float[] row) {
        int top = 0;
        for (int c = 1; c < row.length; c++) {
            top = row[c] > row[top] ? c : top;
        }
        return top;
    }

    /** The row itself when it is a probability distribution, else its softmax (the model gives logits). */
    static float[] probabilities(float[] row) {
        double sum = 0;
        boolean inRange = true;
        for (float v : row) {
            sum += v;
            inRange &= v >= 0 && v <= 1;
        }
        if (inRange && Math.abs(sum - 1) < 1e-3) {
            return row;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double total = 0;
        double[] e = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            e[i] = Math.exp(row[i] - max);
            total += e[i];
        }
        float[] out = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = (float) (e[i] / total);
        }
        return out;
    }

    private static String dims(long[] shape) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i] <= 0 ? "?" : Long.toString(shape[i]));
        }
        return s.append(']').toString();
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing with a better reason
        }
    }

    @Override
    public void close() {
        close(session);
    }
}
