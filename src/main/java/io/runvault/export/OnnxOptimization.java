package io.runvault.export;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.runvault.datasets.LabelledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime's graph optimisation of a model, written out as a model file of its own, and the
 * parity of the optimised model against the original on the same images. The level is
 * {@code EXTENDED_OPT} (constant folding, redundant node removal, operator fusions): the
 * {@code ALL_OPT} level adds layout changes for this machine's CPU that another machine or runtime
 * may not run.
 */
public final class OnnxOptimization {

    private static final int BATCH = 256;

    private OnnxOptimization() {
    }

    /** The optimised model's bytes. */
    public static byte[] optimize(byte[] model, Path scratch) throws IOException {
        Path out = Files.createTempFile(scratch, "optimized", ".onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            options.setOptimizedModelFilePath(out.toAbsolutePath().toString());
            OrtEnvironment.getEnvironment().createSession(model, options).close();
            return Files.readAllBytes(out);
        } catch (OrtException e) {
            throw new ModelMismatchException("ONNX Runtime could not optimise the model: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Both models' class probabilities on {@code images}, compared as the export gate compares them. */
    public static Map<String, Object> parity(byte[] original, byte[] optimized, LabelledImages images,
                                             ParityThresholds thresholds) {
        double maxDiff = 0;
        double sumDiff = 0;
        int agree = 0;
        int n = images.size();
        int k = 0;
        try (OnnxClassifier a = OnnxClassifier.open(original); OnnxClassifier b = OnnxClassifier.open(optimized)) {
            int[] chw = a.imageShape();
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                float[] pixels = images.pixels(from, count);
                int[] shape = {count, chw[0], chw[1], chw[2]};
                float[][] want = a.classify(pixels, shape);
                float[][] got = b.classify(pixels, shape);
                for (int i = 0; i < count; i++) {
                    k = want[i].length;
                    for (int c = 0; c < k; c++) {
                        double d = Math.abs((double) want[i][c] - got[i][c]);
                        d = Double.isFinite(d) ? d : 1.0; // NaN is the largest difference, never a pass
                        maxDiff = Math.max(maxDiff, d);
                        sumDiff += d;
                    }
                    agree += OnnxClassifier.top(want[i]) == OnnxClassifier.top(got[i]) ? 1 : 0;
                }
            }
        }
        double agreement = n == 0 ? 0 : (double) agree / n;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("samples", n);
        report.put("max_abs_diff", maxDiff);
        report.put("mean_abs_diff", n == 0 || k == 0 ? 0 : sumDiff / ((double) n * k));
        report.put("argmax_agreement", agreement);
        report.put("max_abs_diff_threshold", thresholds.maxAbsDiff());
        report.put("min_argmax_agreement", thresholds.minArgmaxAgreement());
        report.put("passed", thresholds.met(maxDiff, agreement, n));
        report.put("optimization_level", "EXTENDED_OPT");
        report.put("onnxruntime", OnnxRuntimeSession.version());
        return report;
    }
}
