package io.runvault.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.jobs.RequestBinder;
import io.runvault.problem.InvalidRequestException;
import io.runvault.training.Architecture;
import io.runvault.training.OptimizerType;
import io.runvault.training.TrainingConfig;
import jakarta.validation.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The train kind's request rules, as its kind binds a body at submit. */
class TrainJobRequestTest {

    private static final RequestBinder BINDER = new RequestBinder(Validation.buildDefaultValidatorFactory().getValidator());
    private static final TrainJobSpec.Registry REGISTRY = new TrainJobSpec.Registry(
            name -> name.equals("fashion-mnist") ? 60000 : name.equals("tabular") ? 500 : -1,
            (dataset, architecture) -> dataset.equals("tabular") && !architecture.equals("mlp")
                    ? Optional.of(architecture + " needs images; tabular has features") : Optional.empty(),
            model -> model.equals("known-model"));

    private static TrainJobRequest bind(String json) {
        return BINDER.bind(json, TrainJobRequest.class, (r, errors) -> {
            TrainJobSpec.checkModel(r.model(), REGISTRY, errors);
            TrainJobSpec.check(r.config(), REGISTRY, errors);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors(String json) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bind(json), json);
        assertEquals("bad-job-spec", e.type());
        return (List<String>) e.extensions().get("errors");
    }

    @Test
    void onlyTheDatasetIsRequiredAndTheRestHasDefaults() {
        TrainJobSpec spec = TrainJobSpec.of(bind("{\"dataset\":\"fashion-mnist\"}").config(), null);
        assertEquals("default", spec.experiment());
        assertEquals(0.1, spec.valFraction());
        assertEquals(Architecture.MINICNN, spec.training().architecture());
        assertEquals(10, spec.training().epochs());
        assertEquals(42, spec.training().seed());
        assertEquals(List.of("dataset is required (e.g. fashion-mnist)"), errors("{}"));
    }

    @Test
    void theFlatMembersFillTheDataAndTheTrainingParameters() {
        TrainJobRequest request = bind("{\"kind\":\"train\",\"experiment\":\"e\",\"dataset\":\"fashion-mnist\","
                + "\"trainSamples\":400,\"valFraction\":0.2,\"tags\":{\"team\":\"vision\"},\"model\":\"known-model\","
                + "\"architecture\":\" MLP \",\"optimizer\":\"sgd\",\"epochs\":2,\"augmentation\":{\"flip\":true}}");
        TrainJobSpec spec = TrainJobSpec.of(request.config(), request.model());
        assertEquals("e", spec.experiment());
        assertEquals(400, spec.trainSamples());
        assertEquals(0.2, spec.valFraction());
        assertEquals(Map.of("team", "vision"), spec.tags());
        assertEquals("known-model", spec.model());
        assertEquals(Architecture.MLP, spec.training().architecture());
        assertEquals(OptimizerType.SGD, spec.training().optimizer());
        assertTrue(spec.training().augmentation().flip());
        // What the job stores is what its runner reads: the same spec, every default written out.
        String stored = RequestBinder.canonical(request);
        assertTrue(stored.contains("\"learningRate\":0.001") && !stored.contains("\"config\""), stored);
        TrainJobRequest read = RequestBinder.read(stored, TrainJobRequest.class);
        assertEquals(spec, TrainJobSpec.of(read.config(), read.model()));
    }

    @Test
    void theFrozenConfigListsEveryMemberOnceAndReadsBackAsTheSameTraining() throws Exception {
        TrainJobRequest request = bind("{\"dataset\":\"fashion-mnist\",\"tags\":{\"team\":\"vision\"},\"epochs\":3,"
                + "\"augmentation\":{\"rotation\":10}}");
        TrainJobSpec spec = TrainJobSpec.of(request.config(), null);
        Map<String, Object> frozen = TrainingRunAssembler.frozen(spec);
        List<String> keys = List.copyOf(frozen.keySet());
        assertEquals("kind", keys.get(0));
        assertEquals("tags", keys.get(keys.size() - 1));
        assertEquals(List.of("kind", "experiment", "dataset", "trainSamples", "testSamples", "valFraction", "architecture",
                "depth", "epochs", "batchSize", "optimizer", "momentum", "learningRate", "schedule", "stepSize",
                "stepGamma", "weightDecay", "seed", "augmentation", "classWeights", "patience", "selectionMetric",
                "device", "threads", "tags"), keys);
        TrainingConfig read = TrainingConfig.frozen(io.runvault.json.Json.MAPPER.valueToTree(frozen));
        assertEquals(spec, TrainJobSpec.of(read, null));
    }

    @Test
    void eachBadValueIsNamed() {
        assertTrue(errors("{\"dataset\":\"fashion-mnist\",\"architecture\":\"vit\"}").get(0)
                .startsWith("architecture is one of minicnn, mlp, resnet, got 'vit'"));
        assertEquals(List.of("dataset 'no-such-data' is not known"), errors("{\"dataset\":\"no-such-data\"}"));
        assertEquals(List.of("epochs must be at least 1"), errors("{\"dataset\":\"fashion-mnist\",\"epochs\":-1}"));
        assertEquals(List.of("batchSize 500 is larger than the training data (90 images after the validation split)"),
                errors("{\"dataset\":\"fashion-mnist\",\"trainSamples\":100,\"batchSize\":500}"));
        assertEquals(List.of("model 'no-such-model' is not a registered model (create it first: POST /api/v1/models)"),
                errors("{\"dataset\":\"fashion-mnist\",\"model\":\"no-such-model\"}"));
        assertEquals(List.of("augmentation: unknown members [zoom] (known: [flip, noise, rotation, translate])"),
                errors("{\"dataset\":\"fashion-mnist\",\"augmentation\":{\"zoom\":2}}"));
        assertEquals(List.of("augmentation.rotation must be between 0 and 180 degrees"),
                errors("{\"dataset\":\"fashion-mnist\",\"augmentation\":{\"rotation\":400}}"));
        assertEquals(List.of("epochs is an integer"), errors("{\"dataset\":\"fashion-mnist\",\"epochs\":\"ten\"}"));
        assertEquals(List.of("valFraction is between 0 and 0.5 (exclusive)"),
                errors("{\"dataset\":\"fashion-mnist\",\"valFraction\":0.5}"));
        assertEquals(List.of("kind is train"), errors("{\"dataset\":\"fashion-mnist\",\"kind\":\"tune\"}"));
        assertEquals(List.of("mlp needs images; tabular has features").size(),
                errors("{\"dataset\":\"tabular\",\"batchSize\":8}").size());
        assertEquals(List.of("stepSize must be at least 1 epoch for the step schedule, got 0"),
                errors("{\"dataset\":\"fashion-mnist\",\"schedule\":\"step\",\"stepSize\":0}"));
    }

    @Test
    void everyReasonAtOnce() {
        List<String> errors = errors("{\"dataset\":\"fashion-mnist\",\"colour\":\"blue\",\"epochs\":0,\"optimizer\":\"lion\","
                + "\"learningRate\":20,\"threads\":-1,\"experiment\":\"\",\"tags\":{\"a\":1}}");
        assertEquals(7, errors.size(), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("unknown members [colour]")), errors.toString());
        for (String member : List.of("epochs ", "optimizer ", "learningRate ", "threads ", "experiment ", "tags.a ")) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith(member)), member + " in " + errors);
        }
    }

    @Test
    void theKnownMembersAreTheFlatOnes() {
        List<String> errors = errors("{\"dataset\":\"fashion-mnist\",\"colour\":\"blue\"}");
        assertEquals(List.of("unknown members [colour] (known: [architecture, augmentation, batchSize, classWeights, "
                + "dataset, depth, device, epochs, experiment, kind, learningRate, model, momentum, optimizer, patience, "
                + "schedule, seed, selectionMetric, stepGamma, stepSize, tags, testSamples, threads, trainSamples, "
                + "valFraction, weightDecay])"), errors);
    }
}
