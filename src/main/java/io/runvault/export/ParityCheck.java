package io.runvault.export;

import ai.onnxruntime.OrtException;
import io.runvault.datasets.LabelledImages;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingEngine;
import io.runvault.training.TrainingSpec;

/**
 * Runs the trained parameters through DJL (PyTorch, CPU: the reference, computed as training
 * evaluates) and the exported model through ONNX Runtime on the same images, and compares the
 * class probabilities.
 */
public final class ParityCheck {

    private static final int BATCH = 256;

    private ParityCheck() {}

    public static ParityReport run(TrainingSpec spec, byte[] parameters, byte[] model, LabelledImages images,
                                   ParityThresholds thresholds) {
        // The CPU on both sides: a GPU's TF32 convolutions would measure the device, not the export.
        TrainingSpec onCpu = spec.toBuilder().device("cpu").build();
        float[][] reference = new Trainer(BATCH).evaluate(onCpu, parameters, images).probabilities();
        int k = images.numClasses();
        double maxDiff = 0;
        double sumDiff = 0;
        int agree = 0;
        try (OnnxRuntimeSession ort = new OnnxRuntimeSession(model, 0)) {
            for (int from = 0; from < images.size(); from += BATCH) {
                int b = Math.min(BATCH, images.size() - from);
                float[] got = ort.probabilities(images.pixels(from, b), 0, b);
                for (int i = 0; i < b; i++) {
                    float[] want = reference[from + i];
                    int topWant = 0;
                    int topGot = 0;
                    for (int c = 0; c < k; c++) {
                        float g = got[i * k + c];
                        double d = Math.abs((double) g - want[c]);
                        // NaN on either side counts as the largest difference two probabilities can
                        // have (1): a failure, never a silent pass, and still a number in JSON.
                        d = Double.isFinite(d) ? d : 1.0;
                        maxDiff = Math.max(maxDiff, d);
                        sumDiff += d;
                        if (want[c] > want[topWant]) {
                            topWant = c;
                        }
                        if (g > got[i * k + topGot]) {
                            topGot = c;
                        }
                    }
                    agree += topWant == topGot ? 1 : 0;
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the exported model: " + e.getMessage(), e);
        }
        int n = images.size();
        double agreement = n == 0 ? 0 : (double) agree / n;
        double mean = n == 0 ? 0 : sumDiff / ((double) n * k);
        return new ParityReport(maxDiff, mean, agreement, n, thresholds, thresholds.met(maxDiff, agreement, n),
                OnnxExporter.OPSET, OnnxRuntimeSession.version(),
                "DJL " + ai.djl.engine.Engine.getDjlVersion() + " " + TrainingEngine.NAME + " "
                        + TrainingEngine.engine().getVersion() + " on cpu()");
    }
}
