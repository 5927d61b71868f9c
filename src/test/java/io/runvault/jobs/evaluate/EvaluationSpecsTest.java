package io.runvault.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.evaluation.Corruption;
import io.runvault.problem.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationSpecsTest {

    private static List<?> errors(Runnable parse) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, parse::run);
        return (List<?>) e.extensions().get("errors");
    }

    @Test
    void anEvaluateSpecGetsItsDefaults() {
        EvaluateJobSpec spec = EvaluateJobSpec.parse("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\",\"seed\":null}");
        assertEquals("test", spec.split());
        assertEquals(0, spec.samples());
        assertEquals("auto", spec.engine());
        assertEquals(42, spec.seed());
        assertEquals("default", spec.experiment());
        assertNull(spec.normalization());
    }

    @Test
    void everyReasonIsReportedAtOnce() {
        List<?> errors = errors(() -> EvaluateJobSpec.parse("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"nope\","
                        + "\"split\":\"holdout\",\"samples\":-1,\"engine\":\"tf\",\"colour\":1,"
                        + "\"normalization\":{\"std\":[0]}}",
                d -> false, (run, engine) -> Optional.of("run 'r' is not known")));
        assertEquals(6, errors.size(), errors.toString());
        assertTrue(errors.toString().contains("colour") && errors.toString().contains("holdout")
                && errors.toString().contains("not known"), errors.toString());
        // An unknown engine is reported once, not also as a missing model.
        List<?> missing = errors(() -> EvaluateJobSpec.parse("{\"kind\":\"evaluate\",\"dataset\":\"d\"}"));
        assertEquals(List.of("run is required (the id of the run whose model is evaluated)"), missing);
    }

    @Test
    void aNormalizationOverrideIsRead() {
        EvaluateJobSpec spec = EvaluateJobSpec.parse("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"normalization\":{\"scale\":0.00392156862745098,\"mean\":[0.5],\"std\":0.25}}");
        assertArrayEquals(new double[] {0.5}, spec.normalization().mean());
        assertArrayEquals(new double[] {0.25}, spec.normalization().std());
    }

    @Test
    void robustnessDefaultsToEveryCorruptionAndSeverity() {
        RobustnessJobSpec spec = RobustnessJobSpec.parse("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\"}");
        assertEquals(List.of(Corruption.values()), spec.corruptions());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, spec.severities());
        RobustnessJobSpec some = RobustnessJobSpec.parse("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"corruptions\":[\"rotation\",\"rotation\"],\"severities\":[3,1,3]}");
        assertEquals(List.of(Corruption.ROTATION), some.corruptions());
        assertArrayEquals(new int[] {1, 3}, some.severities());
        assertEquals(2, errors(() -> RobustnessJobSpec.parse("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"corruptions\":[\"fog\"],\"severities\":[0]}")).size());
    }

    @Test
    void compareNeedsTwoDistinctRuns() {
        CompareJobSpec spec = CompareJobSpec.parse("{\"kind\":\"compare\",\"runs\":[\"a\",\"b\",\"a\"],\"dataset\":\"d\"}");
        assertEquals(List.of("a", "b"), spec.runs());
        assertEquals(1, errors(() -> CompareJobSpec.parse("{\"kind\":\"compare\",\"runs\":[\"a\",\"a\"],\"dataset\":\"d\"}")).size());
        assertEquals(1, errors(() -> CompareJobSpec.parse("{\"kind\":\"compare\",\"dataset\":\"d\"}")).size());
        assertEquals(1, errors(() -> CompareJobSpec.parse("{\"kind\":\"compare\",\"runs\":\"a\",\"dataset\":\"d\"}")).size());
    }
}
