package io.runvault.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.evaluation.Corruption;
import io.runvault.export.RunModels;
import io.runvault.jobs.RequestBinder;
import io.runvault.problem.InvalidRequestException;
import jakarta.validation.Validation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evaluate, robustness and compare requests' rules, as their kinds bind a body at submit. */
class EvaluationRequestTest {

    private static final RequestBinder BINDER = new RequestBinder(Validation.buildDefaultValidatorFactory().getValidator());
    private static final EvaluationRequest.Registry REGISTRY = new EvaluationRequest.Registry(
            dataset -> dataset.equals("d"),
            (run, engine) -> run.startsWith("unknown") ? Optional.of("run '" + run + "' is not known") : Optional.empty());

    private static <T extends Record & EvaluationRequest> T bind(String json, Class<T> type) {
        return BINDER.bind(json, type, (request, errors) -> EvaluationRequest.check(request, REGISTRY, errors));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record & EvaluationRequest> List<String> errors(String json, Class<T> type) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bind(json, type), json);
        assertEquals("bad-job-spec", e.type());
        return (List<String>) e.extensions().get("errors");
    }

    @Test
    void anEvaluateRequestGetsItsDefaults() {
        EvaluateJobRequest request = bind("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\",\"seed\":null}",
                EvaluateJobRequest.class);
        assertEquals("test", request.split());
        assertEquals(0, request.samples());
        assertEquals("auto", request.engine());
        assertEquals(42, request.seed());
        assertEquals("default", request.experiment());
        assertNull(request.normalizationOverride());
    }

    @Test
    void everyReasonIsReportedAtOnce() {
        List<String> errors = errors("{\"kind\":\"evaluate\",\"run\":\"unknown-r\",\"dataset\":\"nope\","
                + "\"split\":\"holdout\",\"samples\":-1,\"engine\":\"tf\",\"colour\":1,"
                + "\"normalization\":{\"std\":[0]}}", EvaluateJobRequest.class);
        assertEquals(List.of("unknown members [colour] (known: [dataset, engine, experiment, kind, normalization, "
                        + "run, samples, seed, split])",
                "engine is one of [auto, onnx, djl]", "samples is 0 (all) or positive", "split is one of [test, val, train]",
                "normalization.std values are positive numbers", "dataset 'nope' is not known"), errors);
    }

    @Test
    void theModelIsCheckedOnlyThroughAKnownEngine() {
        assertEquals(List.of("run 'unknown-r' is not known"),
                errors("{\"kind\":\"evaluate\",\"run\":\"unknown-r\",\"dataset\":\"d\"}", EvaluateJobRequest.class));
        assertEquals(List.of("engine is one of [auto, onnx, djl]"),
                errors("{\"kind\":\"evaluate\",\"run\":\"unknown-r\",\"dataset\":\"d\",\"engine\":\"tf\"}",
                        EvaluateJobRequest.class));
    }

    @Test
    void aMissingOrMistypedMemberIsOneReason() {
        assertEquals(List.of("run is required (the id of the run whose model is evaluated)"),
                errors("{\"kind\":\"evaluate\",\"dataset\":\"d\"}", EvaluateJobRequest.class));
        // No member of the shared scope at all: still one reason, not a failure to bind.
        assertEquals(List.of("dataset is required (e.g. fashion-mnist)"),
                errors("{\"kind\":\"compare\",\"runs\":[\"a\",\"b\"]}", CompareJobRequest.class));
        assertEquals(List.of("run is a string"), errors("{\"kind\":\"evaluate\",\"run\":1,\"dataset\":\"d\"}",
                EvaluateJobRequest.class));
        assertEquals(List.of("experiment has 1-200 characters"),
                errors("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\",\"experiment\":\" \"}",
                        EvaluateJobRequest.class));
    }

    @Test
    void aNormalizationOverrideTakesSingleValuesOrOnePerChannel() {
        EvaluateJobRequest request = bind("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"normalization\":{\"scale\":0.00392156862745098,\"mean\":[0.5],\"std\":0.25}}", EvaluateJobRequest.class);
        assertArrayEquals(new double[] {0.5}, request.normalizationOverride().mean());
        assertArrayEquals(new double[] {0.25}, request.normalizationOverride().std());
        assertEquals(List.of("normalization: unknown members [offset] (known: [mean, scale, std])"),
                errors("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\",\"normalization\":{\"offset\":1}}",
                        EvaluateJobRequest.class));
        assertEquals(List.of("normalization.mean has one value or one per channel"),
                errors("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\",\"normalization\":{\"mean\":[]}}",
                        EvaluateJobRequest.class));
        assertEquals(List.of("normalization.scale is a positive number"),
                errors("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\",\"normalization\":{\"scale\":0}}",
                        EvaluateJobRequest.class));
    }

    @Test
    void theStoredRequestReadsBackTheSame() {
        EvaluateJobRequest request = bind("{\"kind\":\"evaluate\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"normalization\":{\"mean\":0.5}}", EvaluateJobRequest.class);
        String stored = RequestBinder.canonical(request);
        assertEquals(request, RequestBinder.read(stored, EvaluateJobRequest.class));
        RobustnessJobRequest robustness = bind("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\"}",
                RobustnessJobRequest.class);
        assertEquals(robustness, RequestBinder.read(RequestBinder.canonical(robustness), RobustnessJobRequest.class));
    }

    @Test
    void robustnessDefaultsToEveryCorruptionAndSeverity() {
        RobustnessJobRequest request = bind("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\"}",
                RobustnessJobRequest.class);
        assertEquals(List.of(Corruption.values()), request.corruptionTypes());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, request.severityLevels());
        RobustnessJobRequest some = bind("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"corruptions\":[\"rotation\",\"rotation\"],\"severities\":[3,1,3]}", RobustnessJobRequest.class);
        assertEquals(List.of(Corruption.ROTATION), some.corruptionTypes());
        assertArrayEquals(new int[] {1, 3}, some.severityLevels());
    }

    @Test
    void robustnessNamesKnownCorruptionsAtSeverities1To5() {
        List<String> errors = errors("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\","
                + "\"corruptions\":[\"fog\"],\"severities\":[0,7]}", RobustnessJobRequest.class);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("severities are 1-5", errors.get(0));
        assertTrue(errors.get(1).startsWith("corruption 'fog' is not known [gaussian_noise"), errors.toString());
        for (String outside : List.of("[0]", "[6]", "[2,7]")) {
            assertEquals(List.of("severities are 1-5"), errors("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\","
                    + "\"severities\":" + outside + "}", RobustnessJobRequest.class), outside);
        }
        assertEquals(List.of("severities name at least one severity (1-5)"),
                errors("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\",\"severities\":[]}",
                        RobustnessJobRequest.class));
        assertTrue(errors("{\"kind\":\"robustness\",\"run\":\"r\",\"dataset\":\"d\",\"corruptions\":[]}",
                RobustnessJobRequest.class).get(0).startsWith("corruptions names at least one of"));
    }

    @Test
    void compareNeedsTwoToTwentyDistinctRuns() {
        CompareJobRequest request = bind("{\"kind\":\"compare\",\"runs\":[\"a\",\"b\",\"a\"],\"dataset\":\"d\"}",
                CompareJobRequest.class);
        assertEquals(List.of("a", "b"), request.runs());
        assertEquals(List.of("runs names 2-20 distinct runs"),
                errors("{\"kind\":\"compare\",\"runs\":[\"a\",\"a\"],\"dataset\":\"d\"}", CompareJobRequest.class));
        assertEquals(List.of("runs is required (the ids of 2-20 runs to compare)"),
                errors("{\"kind\":\"compare\",\"dataset\":\"d\"}", CompareJobRequest.class));
        assertEquals(List.of("runs is an array of strings"),
                errors("{\"kind\":\"compare\",\"runs\":\"a\",\"dataset\":\"d\"}", CompareJobRequest.class));
        assertEquals(List.of("run 'unknown-1' is not known", "run 'unknown-2' is not known"),
                errors("{\"kind\":\"compare\",\"runs\":[\"unknown-1\",\"unknown-2\"],\"dataset\":\"d\"}",
                        CompareJobRequest.class));
    }

    @Test
    void theSplitAndEnginePatternsNameWhatTheRunnerReads() {
        assertEquals(String.join("|", EvaluationData.SPLITS), EvaluationRequest.SPLITS);
        assertEquals(String.join("|", RunModels.ENGINES), EvaluationRequest.ENGINES);
    }
}
