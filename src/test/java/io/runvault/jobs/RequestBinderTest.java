package io.runvault.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.runvault.problem.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBinderTest {

    record Noise(Boolean flip, @Min(0) Integer shift) {
    }

    record Hyper(@Min(value = 1, message = "must be at least 1") Integer epochs,
                 @Pattern(regexp = "adam|sgd", message = "is adam or sgd") String optimizer,
                 Double rate, @Valid Noise noise) {
        Hyper {
            epochs = epochs == null ? 10 : epochs;
            optimizer = optimizer == null ? "adam" : optimizer;
        }
    }

    record Data(@NotBlank(message = "is required") String dataset, Map<String, String> tags, List<String> classes) {
        Data {
            dataset = dataset == null ? "" : dataset;
        }
    }

    record Job(String kind, @JsonUnwrapped @Valid Data data, @JsonUnwrapped @Valid Hyper hyper,
               @Min(value = 2, message = "is 2-20") @Max(value = 20, message = "is 2-20") Integer folds, Long seed) {
    }

    private final RequestBinder binder = new RequestBinder(Validation.buildDefaultValidatorFactory().getValidator());

    private Job bind(String json) {
        return binder.bind(json, Job.class);
    }

    @SuppressWarnings("unchecked")
    private List<String> errors(String json) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bind(json));
        assertEquals("bad-job-spec", e.type());
        return (List<String>) e.extensions().get("errors");
    }

    @Test
    void aFlatBodyBindsTheComposedRecordWithDefaults() {
        Job job = bind("{\"kind\":\"cv\",\"dataset\":\"d\",\"epochs\":3,\"tags\":{\"a\":\"b\"},\"noise\":{\"flip\":true}}");
        assertEquals("d", job.data().dataset());
        assertEquals(Map.of("a", "b"), job.data().tags());
        assertEquals(3, job.hyper().epochs());
        assertEquals("adam", job.hyper().optimizer());
        assertTrue(job.hyper().noise().flip());
    }

    @Test
    void unknownMembersAreListedWithTheKnownOnesIncludingUnwrapped() {
        List<String> errors = errors("{\"dataset\":\"d\",\"colour\":\"blue\",\"size\":1}");
        assertEquals(List.of("unknown members [colour, size] (known: [classes, dataset, epochs, folds, kind, noise, "
                + "optimizer, rate, seed, tags])"), errors);
    }

    @Test
    void wrongTypesAreNamedEachOne() {
        List<String> errors = errors("{\"dataset\":7,\"epochs\":\"ten\",\"rate\":\"x\",\"tags\":{\"a\":1},"
                + "\"classes\":[1],\"noise\":{\"flip\":\"yes\"},\"kind\":[]}");
        assertTrue(errors.contains("dataset is a string"), errors.toString());
        assertTrue(errors.contains("epochs is an integer"), errors.toString());
        assertTrue(errors.contains("rate is a number"), errors.toString());
        assertTrue(errors.contains("tags.a is a string"), errors.toString());
        assertTrue(errors.contains("classes is an array of strings"), errors.toString());
        assertTrue(errors.contains("noise.flip is true or false"), errors.toString());
        assertTrue(errors.contains("kind is a string"), errors.toString());
        assertEquals(List.of("tags is an object of strings"), errors("{\"dataset\":\"d\",\"tags\":[]}"));
        assertEquals(List.of("epochs is an integer"), errors("{\"dataset\":\"d\",\"epochs\":2.5}"));
    }

    @Test
    void integersOutOfRangeAreRefused() {
        assertEquals(List.of("epochs is out of range"), errors("{\"dataset\":\"d\",\"epochs\":3000000000}"));
        assertEquals(3000000000L, bind("{\"dataset\":\"d\",\"seed\":3000000000}").seed());
    }

    @Test
    void nestedRecordsAreCheckedLikeTheTopLevel() {
        assertEquals(List.of("noise: unknown members [zoom] (known: [flip, shift])"),
                errors("{\"dataset\":\"d\",\"noise\":{\"zoom\":2}}"));
        assertEquals(List.of("noise is an object (flip, shift)"), errors("{\"dataset\":\"d\",\"noise\":3}"));
        assertEquals(List.of("noise.shift must be greater than or equal to 0"),
                errors("{\"dataset\":\"d\",\"noise\":{\"shift\":-1}}"));
    }

    @Test
    void everyConstraintViolationIsReportedUnderItsFlatMemberName() {
        List<String> errors = errors("{\"dataset\":\" \",\"epochs\":0,\"optimizer\":\"lion\",\"folds\":40}");
        assertEquals(List.of("dataset is required", "folds is 2-20", "epochs must be at least 1", "optimizer is adam or sgd"),
                errors);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> errors = errors("{\"dataset\":\"d\",\"colour\":\"blue\",\"epochs\":-1,\"rate\":\"x\"}");
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("unknown members [colour]")), errors.toString());
        assertTrue(errors.contains("rate is a number"));
        assertTrue(errors.contains("epochs must be at least 1"));
    }

    @Test
    void theKindsChecksAddTheirReasonsToTheOthers() {
        RequestBinder.Checks<Job> datasetKnown = (job, errors) -> {
            if (!job.data().dataset().equals("known")) {
                errors.add("dataset '" + job.data().dataset() + "' is not known");
            }
        };
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> binder.bind("{\"dataset\":\"other\"}", Job.class, datasetKnown));
        assertEquals(List.of("dataset 'other' is not known"), e.extensions().get("errors"));
        assertTrue(e.getMessage().contains("dataset 'other' is not known"), e.getMessage());
        // Every reason at once: the constraints' and the checks'; a refused member is absent for the checks.
        e = assertThrows(InvalidRequestException.class,
                () -> binder.bind("{\"dataset\":\"other\",\"epochs\":0}", Job.class, datasetKnown));
        assertEquals(List.of("epochs must be at least 1", "dataset 'other' is not known"), e.extensions().get("errors"));
        e = assertThrows(InvalidRequestException.class,
                () -> binder.bind("{\"dataset\":7}", Job.class, datasetKnown));
        assertEquals(List.of("dataset is a string", "dataset is required", "dataset '' is not known"),
                e.extensions().get("errors"));
        assertEquals("known", binder.bind("{\"dataset\":\"known\"}", Job.class, datasetKnown).data().dataset());
    }

    @Test
    void nullMembersCountAsAbsent() {
        Job job = bind("{\"dataset\":\"d\",\"epochs\":null,\"noise\":{\"flip\":null},\"colour\":null}");
        assertEquals(10, job.hyper().epochs());
        assertEquals(null, job.hyper().noise().flip());
    }

    @Test
    void malformedBodiesAreMalformedJsonAndHugeOrEmptyOnesBadSpecs() {
        for (String body : List.of("{\"dataset\":", "[1,2]", "\"text\"", "{\"dataset\":\"d\"} {}")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bind(body), body);
            assertEquals("malformed-json", e.type(), body);
        }
        for (String body : List.of("", "  ", "{\"dataset\":\"" + "x".repeat(RequestBinder.MAX_CHARS) + "\"}")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bind(body));
            assertEquals("bad-job-spec", e.type());
        }
    }

    @Test
    void theCanonicalJsonIsFlatAndReadsBackToTheSameRecord() {
        Job job = bind("{\"kind\":\"cv\",\"dataset\":\"d\",\"epochs\":3,\"folds\":4}");
        String canonical = RequestBinder.canonical(job);
        assertTrue(canonical.contains("\"epochs\":3") && canonical.contains("\"optimizer\":\"adam\""), canonical);
        assertFalse(canonical.contains("\"hyper\""), canonical);
        assertEquals(job, RequestBinder.read(canonical, Job.class));
    }

    record Levels(@NotNull(message = "is required") String name,
                  @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Double> values) {
    }

    @Test
    void aListMarkedSoTakesASingleValueAndOtherListsDoNot() {
        assertEquals(List.of(0.5), binder.bind("{\"name\":\"a\",\"values\":0.5}", Levels.class).values());
        assertEquals(List.of(0.5, 1.0), binder.bind("{\"name\":\"a\",\"values\":[0.5,1]}", Levels.class).values());
        assertEquals(List.of("classes is an array of strings"), errors("{\"dataset\":\"d\",\"classes\":\"a\"}"));
    }

    @Test
    void aRequiredMemberRefusedForItsTypeIsNotAlsoMissing() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> binder.bind("{\"name\":1}", Levels.class));
        assertEquals(List.of("name is a string"), e.extensions().get("errors"));
        e = assertThrows(InvalidRequestException.class, () -> binder.bind("{}", Levels.class));
        assertEquals(List.of("name is required"), e.extensions().get("errors"));
    }
}
