package io.runvault.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An exported model loaded into ONNX Runtime (CPU), run batch by batch on N x C x H x W images.
 * ONNX Runtime's natives come from its jar, extracted on first use; nothing is downloaded.
 */
public final class OnnxRuntimeSession implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final long[] imageShape;

    /**
     * @param model ONNX bytes
     * @param threads intra-op threads (0: ONNX Runtime's default, one per core)
     */
    public OnnxRuntimeSession(byte[] model, int threads) throws OrtException {
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
            }
            session = environment.createSession(model, options);
        }
        long[] declared = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(OnnxExporter.INPUT).getInfo())
                .getShape();
        imageShape = java.util.Arrays.copyOfRange(declared, 1, declared.length);
    }

    /** The ONNX Runtime version in use. */
    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    /** The session, for callers that inspect inputs, outputs or metadata. */
    public OrtSession session() {
        return session;
    }

    /**
     * Class probabilities of {@code count} images starting at image {@code from} of {@code pixels}
     * (row-major N x C x H x W), as one row-major count x classes array.
     */
    public float[] probabilities(float[] pixels, int from, int count) throws OrtException {
        long per = 1;
        for (long d : imageShape) {
            per *= d;
        }
        long[] shape = new long[imageShape.length + 1];
        shape[0] = count;
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        FloatBuffer batch = FloatBuffer.wrap(pixels, Math.toIntExact(from * per), Math.toIntExact(count * per));
        try (OnnxTensor input = OnnxTensor.createTensor(environment, batch.slice(), shape);
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
            OnnxValue out = result.get(OnnxExporter.OUTPUT).orElseThrow(
                    () -> new IllegalStateException("the model has no '" + OnnxExporter.OUTPUT + "' output"));
            FloatBuffer values = ((OnnxTensor) out).getFloatBuffer();
            float[] flat = new float[values.remaining()];
            values.get(flat);
            return flat;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
