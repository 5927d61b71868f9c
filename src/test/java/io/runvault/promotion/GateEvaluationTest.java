package io.runvault.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.models.Stage;
import io.runvault.problem.InvalidRequestException;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The validation gates' verdicts on a candidate run, and what the verdicts make of a promotion request. */
class GateEvaluationTest {

    private static final String DIGEST = "blake2b:" + "0".repeat(64);

    private static RunView run(Map<String, Double> metrics, String... files) {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        List<FileEntry> entries = java.util.Arrays.stream(files).map(p -> new FileEntry(p, DIGEST, 1, null)).toList();
        return new RunView("id", "name", "exp", t, t, "creator", Map.of(), metrics, Map.of(), Map.of(), null, entries);
    }

    private static GateContext candidate(Map<String, Double> metrics, String... files) {
        return new GateContext(run(metrics, files), Optional.empty());
    }

    private static GateSpec metric(String expression) {
        return new GateSpec("metric", expression, null, null, null, null, null);
    }

    private static GateSpec noRegression(String metric, Double tolerance) {
        return new GateSpec("no-regression", null, null, metric, tolerance, null, null);
    }

    private static GateSpec files(String... paths) {
        return new GateSpec("files", null, List.of(paths), null, null, null, null);
    }

    @Test
    void aMetricGatePassesOnlyWhenTheThresholdHolds() {
        Gate gate = new MetricThresholdGate().parse(metric("val_auc >= 0.90"));
        GateResult pass = gate.evaluate(candidate(Map.of("val_auc", 0.90)));
        assertTrue(pass.passed());
        assertEquals("val_auc >= 0.90", pass.expected());
        assertEquals("val_auc = 0.9", pass.actual());
        assertFalse(gate.evaluate(candidate(Map.of("val_auc", 0.8999))).passed());
    }

    @Test
    void everyComparisonOperatorMeansWhatItSays() {
        Map<String, Double> m = Map.of("val_loss", 0.5);
        assertTrue(new MetricThresholdGate().parse(metric("val_loss < 0.6")).evaluate(candidate(m)).passed());
        assertFalse(new MetricThresholdGate().parse(metric("val_loss < 0.5")).evaluate(candidate(m)).passed());
        assertTrue(new MetricThresholdGate().parse(metric("val_loss <= 0.5")).evaluate(candidate(m)).passed());
        assertFalse(new MetricThresholdGate().parse(metric("val_loss > 0.5")).evaluate(candidate(m)).passed());
        assertTrue(new MetricThresholdGate().parse(metric("val_loss == 0.5")).evaluate(candidate(m)).passed());
        assertFalse(new MetricThresholdGate().parse(metric("val_loss != 0.5")).evaluate(candidate(m)).passed());
    }

    @Test
    void aMetricTheRunDoesNotReportFailsTheGate() {
        GateResult r = new MetricThresholdGate().parse(metric("val_auc >= 0.9")).evaluate(candidate(Map.of("val_acc", 1.0)));
        assertFalse(r.passed());
        assertEquals("val_auc not reported", r.actual());
    }

    @Test
    void aMalformedExpressionIsRefusedWhenThePolicyIsSet() {
        assertThrows(InvalidRequestException.class, () -> new MetricThresholdGate().parse(metric("val_auc >= high")));
        assertThrows(InvalidRequestException.class, () -> new MetricThresholdGate().parse(metric(null)));
    }

    @Test
    void noRegressionComparesWithProductionWithinTheTolerance() {
        Gate gate = new NoRegressionGate().parse(noRegression("val_auc", 0.01));
        RunView production = run(Map.of("val_auc", 0.95));
        assertTrue(gate.evaluate(new GateContext(run(Map.of("val_auc", 0.94)), Optional.of(production))).passed());
        assertFalse(gate.evaluate(new GateContext(run(Map.of("val_auc", 0.9399)), Optional.of(production))).passed());
        assertFalse(gate.evaluate(new GateContext(run(Map.of()), Optional.of(production))).passed(),
                "a candidate that does not report the metric cannot show it did not regress");
    }

    @Test
    void noRegressionPassesWhileThereIsNoProductionVersion() {
        Gate gate = new NoRegressionGate().parse(noRegression("val_auc", null));
        GateResult r = gate.evaluate(candidate(Map.of("val_auc", 0.1)));
        assertTrue(r.passed());
        assertEquals("no production version yet", r.actual());
        assertThrows(InvalidRequestException.class, () -> new NoRegressionGate().parse(noRegression("val_auc", -0.1)));
    }

    @Test
    void aFilesGateNeedsEveryPathOrGlobMatched() {
        Gate gate = new FilesPresentGate().parse(files("exports/model.onnx", "figures/*.png"));
        assertTrue(gate.evaluate(candidate(Map.of(), "exports/model.onnx", "figures/confusion_matrix.png")).passed());
        GateResult missing = gate.evaluate(candidate(Map.of(), "figures/confusion_matrix.png"));
        assertFalse(missing.passed());
        assertEquals("missing: exports/model.onnx", missing.actual());
        assertFalse(gate.evaluate(candidate(Map.of(), "exports/model.onnx", "figures/a/b.png")).passed(),
                "a glob's * stays inside one folder");
    }

    @Test
    void allGatesPassingAppliesValidatedAtOnce() {
        List<GateResult> pass = List.of(new GateResult("metric", "a", "b", true), new GateResult("files", "c", "d", true));
        assertEquals(PromotionRequest.Status.APPLIED, PromotionRequest.outcome(Stage.VALIDATED, pass));
    }

    @Test
    void allGatesPassingLeavesProductionPendingApproval() {
        List<GateResult> pass = List.of(new GateResult("metric", "a", "b", true));
        assertEquals(PromotionRequest.Status.PENDING, PromotionRequest.outcome(Stage.PRODUCTION, pass));
        assertEquals(PromotionRequest.Status.PENDING, PromotionRequest.outcome(Stage.PRODUCTION, List.of()),
                "approval is needed even with no gates");
    }

    @Test
    void oneFailedGateRefusesTheRequest() {
        List<GateResult> oneFails = List.of(new GateResult("metric", "a", "b", true), new GateResult("files", "c", "d", false));
        assertEquals(PromotionRequest.Status.REFUSED, PromotionRequest.outcome(Stage.VALIDATED, oneFails));
        assertEquals(PromotionRequest.Status.REFUSED, PromotionRequest.outcome(Stage.PRODUCTION, oneFails));
    }

    @Test
    void noGatesConfiguredValidatesAtOnce() {
        assertEquals(PromotionRequest.Status.APPLIED, PromotionRequest.outcome(Stage.VALIDATED, List.of()));
    }
}
