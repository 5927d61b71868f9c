package io.runvault.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.export.Normalization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files and params an evaluation kind's run records, built the same way for every kind. */
class EvaluationRunRecordTest {

    private static final Normalization OWN = new Normalization(1.0 / 255, new double[] {0.5}, new double[] {0.25});

    private static EvaluationTarget oneRun(Normalization override, Map<String, Object> settings) {
        return EvaluationTarget.ofRun("robustness", "run-a",
                new EvaluationScope("fashion-mnist", "val", 100, "auto", "exp", 7L), override, settings);
    }

    private static EvaluationRunRecord record(EvaluationTarget target, ModelUsed... models) {
        return new EvaluationRunRecord(target, List.of(models), 100, "blake2b:00");
    }

    @Test
    void aOneRunFrozenSpecListsTheMembersInTheSpecsOrderThenTheKindsThenNormalization() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("severities", List.of(1, 3));
        settings.put("corruptions", List.of("rotation"));
        Map<String, Object> frozen = record(oneRun(OWN, settings),
                new ModelUsed(0, "run-a", null, "exports/model.onnx", "onnx", OWN)).frozen();
        assertEquals(List.of("kind", "experiment", "run", "dataset", "split", "samples", "engine", "seed", "severities",
                "corruptions", "normalization"), List.copyOf(frozen.keySet()));
        assertEquals("robustness", frozen.get("kind"));
        assertEquals("run-a", frozen.get("run"));
        assertEquals("auto", frozen.get("engine"), "the engine asked for, not the one used");
        assertEquals(7L, frozen.get("seed"));
        assertEquals(List.of(1, 3), frozen.get("severities"));
        assertEquals(Map.of("scale", OWN.scale(), "mean", OWN.mean(), "std", OWN.std()), frozen.get("normalization"));
    }

    @Test
    void withoutAnOverrideTheFrozenSpecHasNoNormalization() {
        Map<String, Object> frozen = record(oneRun(null, Map.of()),
                new ModelUsed(0, "run-a", null, "exports/model.onnx", "onnx", OWN)).frozen();
        assertEquals(List.of("kind", "experiment", "run", "dataset", "split", "samples", "engine", "seed"),
                List.copyOf(frozen.keySet()));
    }

    @Test
    void aOneRunRecordsTheModelAsOpenedAndTheEngineAskedFor() {
        EvaluationRunRecord record = record(oneRun(null, Map.of()),
                new ModelUsed(0, "run-a", null, "checkpoints/best_mlp.params", "djl", OWN));
        Map<String, Object> params = record.params(Map.of("severities", "[1, 3]"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("run", "run-a");
        expected.put("engine", "djl");
        expected.put("engineRequested", "auto");
        expected.put("modelFile", "checkpoints/best_mlp.params");
        expected.put("normalization", OWN.toString());
        expected.put("dataset", "fashion-mnist");
        expected.put("split", "val");
        expected.put("samples", 100);
        expected.put("seed", 7L);
        expected.put("images", 100);
        expected.put("datasetDigest", "blake2b:00");
        expected.put("severities", "[1, 3]");
        assertEquals(expected, params);
        assertEquals(Map.of("kind", "robustness", "model_run", "run-a", "engine", "djl"), record.tags());
    }

    @Test
    void severalRunsAreListedWithTheirEnginesInOrder() {
        EvaluationTarget target = EvaluationTarget.ofRuns("compare", List.of("run-a", "run-b"),
                new EvaluationScope("fashion-mnist", "test", 0, "auto", "exp", 4L));
        EvaluationRunRecord record = record(target,
                new ModelUsed(0, "run-a", "mlp-1", "exports/model.onnx", "onnx", OWN),
                new ModelUsed(1, "run-b", "mlp-2", "checkpoints/best_mlp.params", "djl", OWN));
        Map<String, Object> frozen = record.frozen();
        assertEquals(List.of("kind", "experiment", "runs", "dataset", "split", "samples", "engine", "seed"),
                List.copyOf(frozen.keySet()));
        assertEquals(List.of("run-a", "run-b"), frozen.get("runs"));
        Map<String, Object> params = record.params(Map.of("seedGroups", 1));
        assertEquals("run-a,run-b", params.get("runs"));
        assertEquals("onnx,djl", params.get("engines"));
        assertEquals(1, params.get("seedGroups"));
        assertEquals(List.of("dataset", "datasetDigest", "engines", "images", "runs", "samples", "seed", "seedGroups",
                "split"), params.keySet().stream().sorted().toList());
        assertEquals(Map.of("kind", "compare"), record.tags());
    }

    @Test
    void aOneRunTargetNamesExactlyOneRun() {
        EvaluationScope scope = new EvaluationScope("d", "test", 0, "auto", "exp", 1L);
        assertThrows(IllegalArgumentException.class, () -> new EvaluationTarget("evaluate",
                List.of("a", "b"), true, scope, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> EvaluationTarget.ofRuns("compare", List.of(), scope));
    }
}
