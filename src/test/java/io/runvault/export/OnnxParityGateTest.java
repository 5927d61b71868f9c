package io.runvault.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.problem.InvalidRequestException;
import io.runvault.promotion.GateContext;
import io.runvault.promotion.GateResult;
import io.runvault.promotion.GateSpec;
import io.runvault.runs.FileEntry;
import io.runvault.runs.Lineage;
import io.runvault.runs.RunView;
import io.runvault.store.BlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxParityGateTest {

    @TempDir
    Path root;

    BlobStore blobs;
    OnnxParityGate kind;

    @BeforeEach
    void setUp() {
        blobs = new BlobStore(root);
        kind = new OnnxParityGate(blobs);
    }

    static GateSpec gate(Double maxAbsDiff, Double minArgmaxAgreement) {
        return new GateSpec("onnx-parity", null, null, null, null, maxAbsDiff, minArgmaxAgreement);
    }

    static ParityReport parity(double maxAbsDiff, double agreement, int samples) {
        return new ParityReport(maxAbsDiff, maxAbsDiff / 10, agreement, samples, ParityThresholds.DEFAULT,
                ParityThresholds.DEFAULT.met(maxAbsDiff, agreement, samples), 17, "1.29.0", "DJL");
    }

    RunView run(byte[] parityJson) {
        List<FileEntry> files = new ArrayList<>();
        files.add(new FileEntry("exports/model.onnx", blobs.put(new byte[] {1}).digest().toString(), 1,
                "application/octet-stream"));
        if (parityJson != null) {
            files.add(new FileEntry("exports/parity.json", blobs.put(parityJson).digest().toString(),
                    parityJson.length, "application/json"));
        }
        return new RunView("blake2b:" + "0".repeat(64), "run", "exp", Instant.EPOCH, Instant.EPOCH, "alice",
                Map.of(), Map.of(), Map.of(), Map.of(), Lineage.NONE, files);
    }

    GateResult evaluate(GateSpec spec, RunView candidate) {
        return kind.parse(spec).evaluate(new GateContext(candidate, Optional.empty()));
    }

    @Test
    void passesWhenTheStoredNumbersMeetTheDefaults() {
        GateResult r = evaluate(gate(null, null), run(parity(3e-7, 1.0, 6000).toJson()));
        assertTrue(r.passed(), r.toString());
        assertEquals("onnx-parity", r.gate());
        assertTrue(r.actual().contains("max_abs_diff = 3.0E-7"), r.actual());
        assertTrue(r.actual().contains("argmax_agreement = 1.0 over 6000 samples"), r.actual());
        assertTrue(r.expected().contains("max_abs_diff <= 1.0E-4"), r.expected());
    }

    @Test
    void failsOnADifferenceOrAgreementOutsideTheThresholds() {
        assertFalse(evaluate(gate(null, null), run(parity(2e-4, 1.0, 6000).toJson())).passed());
        assertFalse(evaluate(gate(null, null), run(parity(1e-6, 0.998, 6000).toJson())).passed());
        assertFalse(evaluate(gate(null, null), run(parity(0, 1.0, 0).toJson())).passed(), "no samples, no evidence");
    }

    @Test
    void thePolicysThresholdsWinOverTheFilesVerdict() {
        byte[] passedAtExport = parity(5e-5, 1.0, 100).toJson();
        assertFalse(evaluate(gate(1e-5, null), run(passedAtExport)).passed());
        assertTrue(evaluate(gate(1e-3, 0.5), run(parity(5e-4, 0.9, 100).toJson())).passed());
    }

    @Test
    void aMissingOrUnreadableFileFails() {
        GateResult missing = evaluate(gate(null, null), run(null));
        assertFalse(missing.passed());
        assertTrue(missing.actual().contains("missing"), missing.actual());
        GateResult garbage = evaluate(gate(null, null), run("{not json".getBytes(StandardCharsets.UTF_8)));
        assertFalse(garbage.passed());
        assertTrue(garbage.actual().contains("unreadable"), garbage.actual());
    }

    @Test
    void badThresholdsAreRefusedWhenThePolicyIsSet() {
        assertThrows(InvalidRequestException.class, () -> kind.parse(gate(-1.0, null)));
        assertThrows(InvalidRequestException.class, () -> kind.parse(gate(null, 1.5)));
        assertThrows(InvalidRequestException.class, () -> kind.parse(gate(Double.NaN, null)));
    }
}
