package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static final Set<String> FIELDS = Set.of("learningRate", "batchSize", "optimizer", "epochs", "weightDecay");

    @Test
    void parsesEveryKindInOrder() {
        SearchSpace space = SearchSpace.parse("""
                {"learningRate": {"type": "float", "low": 1e-5, "high": 0.1, "log": true},
                 "batchSize": {"type": "int", "low": 16, "high": 128, "step": 16},
                 "epochs": {"type": "int", "low": 1, "high": 64, "log": true},
                 "weightDecay": {"type": "float", "low": 0, "high": 0.01, "step": 0.001},
                 "optimizer": {"type": "categorical", "choices": ["adam", "sgd"]}}""", FIELDS);
        assertEquals(List.of("learningRate", "batchSize", "epochs", "weightDecay", "optimizer"), space.names());
        assertEquals(FloatDistribution.logUniform(1e-5, 0.1), space.get("learningRate"));
        assertEquals(new IntDistribution(16, 128, false, 16), space.get("batchSize"));
        assertEquals(new IntDistribution(1, 64, true, 1), space.get("epochs"));
        assertEquals(new FloatDistribution(0, 0.01, false, 0.001), space.get("weightDecay"));
        assertEquals(CategoricalDistribution.of("adam", "sgd"), space.get("optimizer"));
    }

    @Test
    void reportsEveryProblemWithItsField() {
        StudySpecException e = assertThrows(StudySpecException.class, () -> SearchSpace.parse(Map.of(
                "learningRate", Map.of("type", "float", "low", 0.0, "high", 0.1, "log", true),
                "batchSize", Map.of("type", "int", "low", 128, "high", 16),
                "epochs", Map.of("type", "int", "low", 5, "high", 5),
                "optimizer", Map.of("type", "categorical", "choices", List.of()),
                "weightDecay", Map.of("type", "beta", "low", 0, "high", 1),
                "dropout", Map.of("type", "float", "low", 0, "high", 0.5)), FIELDS));
        Map<String, String> byField = new java.util.HashMap<>();
        e.errors().forEach(err -> byField.put(err.field(), err.message()));
        assertTrue(byField.get("learningRate.low").contains("log range needs low > 0"), byField.toString());
        assertTrue(byField.get("batchSize").contains("empty range"), byField.toString());
        assertTrue(byField.get("epochs").contains("empty range"), byField.toString());
        assertTrue(byField.get("optimizer.choices").contains("empty"), byField.toString());
        assertTrue(byField.get("weightDecay.type").contains("unknown distribution 'beta'"), byField.toString());
        assertTrue(byField.get("dropout").contains("unknown training field"), byField.toString());
        assertEquals(6, e.errors().size(), e.errors().toString());
    }

    @Test
    void rejectsBadStepsTypesAndKeys() {
        StudySpecException e = assertThrows(StudySpecException.class, () -> SearchSpace.parse("""
                {"learningRate": {"type": "float", "low": 0.1, "high": 1, "log": true, "step": 0.1},
                 "batchSize": {"type": "int", "low": 1.5, "high": 8},
                 "epochs": {"type": "int", "low": 1, "high": 10, "step": 0},
                 "weightDecay": {"low": 0, "high": 1},
                 "optimizer": {"type": "categorical", "choices": ["adam", "adam"], "extra": 1}}""", FIELDS));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("learningRate.step", "batchSize.low", "epochs.step",
                "weightDecay.type", "optimizer.extra", "optimizer.choices[1]")), fields.toString());
    }

    @Test
    void rejectsEmptySpaceAndBadJson() {
        assertThrows(StudySpecException.class, () -> SearchSpace.parse("{}", FIELDS));
        StudySpecException e = assertThrows(StudySpecException.class, () -> SearchSpace.parse("{\"a\":", FIELDS));
        assertEquals("searchSpace", e.errors().get(0).field());
        assertThrows(StudySpecException.class, () -> SearchSpace.parse("[1]", FIELDS));
    }

    @Test
    void objectiveIsValidatedAgainstTheReportedMetrics() {
        Set<String> metrics = Set.of("val_auc", "val_accuracy", "val_loss");
        assertEquals(new Objective("val_loss", Direction.MINIMIZE),
                Objective.parse(Map.of("metric", "val_loss", "direction", "Minimize"), metrics));
        StudySpecException e = assertThrows(StudySpecException.class,
                () -> Objective.parse(Map.of("metric", "val_f2", "direction", "up"), metrics));
        assertEquals(List.of("objective.metric", "objective.direction"),
                e.errors().stream().map(FieldError::field).toList());
        assertTrue(e.getMessage().contains("unknown metric 'val_f2'"));
        assertThrows(StudySpecException.class, () -> Objective.parse(Map.of(), metrics));
    }
}
