package io.runvault.jobs.crossval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.problem.InvalidRequestException;
import jakarta.validation.Validation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossValidationSpecTest {

    private static final RequestBinder BINDER =
            new RequestBinder(Validation.buildDefaultValidatorFactory().getValidator());
    private static final TrainJobSpec.Registry REGISTRY = new TrainJobSpec.Registry(
            name -> name.equals("fashion-mnist") ? 60000 : -1, (dataset, architecture) -> Optional.empty(), model -> false);

    private static CrossValidationSpec parse(String json) {
        CrossValidationRequest request = BINDER.bind(json, CrossValidationRequest.class,
                (r, errors) -> CrossValidationSpec.check(r, REGISTRY, errors));
        CrossValidationSpec spec = CrossValidationSpec.of(request);
        assertEquals(spec, CrossValidationSpec.read(RequestBinder.canonical(request)), "stored and read back");
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors(String json) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(json));
        assertEquals(400, e.status());
        return (List<String>) e.extensions().get("errors");
    }

    @Test
    void defaultsAreFiveFoldsOneAtATimeAndTheTrainingFieldsOfATrainJob() {
        CrossValidationSpec spec = parse("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"epochs\":3,"
                + "\"architecture\":\"mlp\",\"trainSamples\":300,\"tags\":{\"team\":\"vision\"}}");
        assertEquals(5, spec.folds());
        assertEquals(1, spec.concurrency());
        assertEquals(15, spec.totalEpochs());
        assertEquals("mlp", spec.job().training().architecture().externalName());
        assertEquals(300, spec.job().trainSamples());
        assertEquals("vision", spec.job().tags().get("team"));
    }

    @Test
    void foldsAndConcurrencyAreRead() {
        CrossValidationSpec spec = parse("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":3,"
                + "\"concurrency\":2,\"epochs\":1}");
        assertEquals(3, spec.folds());
        assertEquals(2, spec.concurrency());
        assertEquals(3, spec.totalEpochs());
    }

    @Test
    void badFoldsAreRefused() {
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":1}").stream()
                .anyMatch(e -> e.startsWith("folds is 2-20")));
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":21}").stream()
                .anyMatch(e -> e.startsWith("folds is 2-20")));
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":\"five\"}")
                .contains("folds is an integer"));
    }

    @Test
    void concurrencyAboveTheFoldsIsRefused() {
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":3,\"concurrency\":4}")
                .stream().anyMatch(e -> e.startsWith("concurrency (folds trained at once) is 1-folds (3), got 4")));
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"concurrency\":0}")
                .stream().anyMatch(e -> e.startsWith("concurrency")));
    }

    @Test
    void everyReasonIsReportedAtOnceIncludingTheTrainingOnes() {
        List<String> errors = errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"folds\":30,"
                + "\"colour\":\"blue\",\"epochs\":-1,\"optimizer\":\"lion\",\"valFraction\":0.2,\"model\":\"m\"}");
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("unknown members [colour]")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("folds is 2-20")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("valFraction does not apply")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("model does not apply")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("epochs")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("lion")), errors.toString());
        assertEquals(6, errors.size(), errors.toString());
    }

    @Test
    void theBatchMustFitAFoldsTrainingPart() {
        // 100 images in 2 folds: 50 train per fold.
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"fashion-mnist\",\"trainSamples\":100,\"folds\":2,"
                + "\"batchSize\":60}").stream().anyMatch(e -> e.startsWith("batchSize 60 is larger than a fold's training data (50")));
        assertTrue(errors("{\"kind\":\"cross-validate\",\"dataset\":\"no-such\"}").stream()
                .anyMatch(e -> e.contains("'no-such' is not known")));
    }

    @Test
    void malformedBodiesAreRefusedAsForATrainJob() {
        for (String body : new String[] {"", "{\"kind\":", "[1,2]"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(body));
            assertEquals(400, e.status());
        }
    }
}
