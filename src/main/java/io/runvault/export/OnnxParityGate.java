package io.runvault.export;

import io.runvault.problem.InvalidRequestException;
import io.runvault.promotion.Gate;
import io.runvault.promotion.GateKind;
import io.runvault.promotion.GateResult;
import io.runvault.promotion.GateSpec;
import io.runvault.runs.FileEntry;
import io.runvault.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code onnx-parity}: the candidate's run holds {@code exports/parity.json} and its stored numbers
 * meet the gate's thresholds (by default those of the export: 1e-4 and 99.9%). The numbers are
 * judged here, not the file's own {@code passed}, so a policy can be stricter than the export was.
 */
@ApplicationScoped
public class OnnxParityGate implements GateKind {

    static final String KIND = "onnx-parity";

    @Inject
    BlobStore blobs;

    public OnnxParityGate() {}

    OnnxParityGate(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Gate parse(GateSpec spec) {
        ParityThresholds thresholds;
        try {
            thresholds = new ParityThresholds(
                    spec.maxAbsDiff() == null ? ParityThresholds.DEFAULT.maxAbsDiff() : spec.maxAbsDiff(),
                    spec.minArgmaxAgreement() == null ? ParityThresholds.DEFAULT.minArgmaxAgreement()
                            : spec.minArgmaxAgreement());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("bad-policy", "An onnx-parity gate's " + e.getMessage());
        }
        String expected = String.format(Locale.ROOT, "%s with max_abs_diff <= %s and argmax_agreement >= %s",
                OnnxExport.PARITY_PATH, thresholds.maxAbsDiff(), thresholds.minArgmaxAgreement());
        return context -> {
            Optional<FileEntry> file = context.candidate().files().stream()
                    .filter(f -> f.path().equals(OnnxExport.PARITY_PATH)).findFirst();
            if (file.isEmpty()) {
                return new GateResult(KIND, expected, OnnxExport.PARITY_PATH + " missing (export the run first)", false);
            }
            ParityReport parity;
            try {
                parity = ParityReport.fromJson(blobs.readAllBytes(file.get().blob()));
            } catch (IOException e) {
                return new GateResult(KIND, expected, OnnxExport.PARITY_PATH + " unreadable: " + e.getMessage(), false);
            }
            boolean passed = thresholds.met(parity.maxAbsDiff(), parity.argmaxAgreement(), parity.samples());
            String actual = String.format(Locale.ROOT,
                    "max_abs_diff = %s, mean_abs_diff = %s, argmax_agreement = %s over %d samples (opset %d, ONNX Runtime %s)",
                    parity.maxAbsDiff(), parity.meanAbsDiff(), parity.argmaxAgreement(), parity.samples(),
                    parity.onnxOpset(), parity.ortVersion());
            return new GateResult(KIND, expected, actual, passed);
        };
    }
}
