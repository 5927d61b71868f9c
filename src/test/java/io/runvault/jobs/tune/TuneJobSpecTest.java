package io.runvault.jobs.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.problem.InvalidRequestException;
import io.runvault.studies.Direction;
import io.runvault.studies.GridSampler;
import io.runvault.studies.MedianPruner;
import io.runvault.studies.TpeSampler;
import jakarta.validation.Validation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TuneJobSpecTest {

    private static final String SPACE = "\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":1e-4,\"high\":0.1,"
            + "\"log\":true},\"batchSize\":{\"type\":\"categorical\",\"choices\":[16,32]}}";

    private static final RequestBinder BINDER = new RequestBinder(Validation.buildDefaultValidatorFactory().getValidator());
    private static final TrainJobSpec.Registry REGISTRY = new TrainJobSpec.Registry(
            dataset -> dataset.equals("fashion-mnist") ? 60000 : -1, (d, a) -> Optional.empty(),
            model -> model.equals("known-model"));

    private static TuneJobSpec bind(String body) {
        TuneJobRequest request = BINDER.bind(body, TuneJobRequest.class, (r, errors) -> TuneJobSpec.check(r, REGISTRY, errors));
        TuneJobSpec spec = TuneJobSpec.of(request);
        TuneJobSpec read = TuneJobSpec.read(RequestBinder.canonical(request));
        assertEquals(spec.base(), read.base(), "stored and read back");
        assertEquals(spec.space().names(), read.space().names(), "stored and read back");
        return spec;
    }

    private static TuneJobSpec parse(String members) {
        return bind("{\"kind\":\"tune\",\"dataset\":\"fashion-mnist\",\"architecture\":\"mlp\","
                + "\"trainSamples\":300,\"epochs\":2," + members + "}");
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors(String members) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(members));
        assertEquals(400, e.status());
        return (List<String>) e.extensions().get("errors");
    }

    private static void refused(String members, String... fragments) {
        List<String> errors = errors(members);
        String all = String.join("\n", errors);
        for (String fragment : fragments) {
            assertTrue(all.contains(fragment), "'" + fragment + "' in\n" + all);
        }
    }

    @Test
    void aGoodSpecHasDefaultsAndTheBaseConfiguration() {
        TuneJobSpec spec = parse(SPACE + ",\"trials\":4,\"concurrency\":2,\"objective\":{\"metric\":\"val_loss\","
                + "\"direction\":\"minimize\"},\"model\":\"known-model\"");
        assertEquals(4, spec.trials());
        assertEquals(2, spec.concurrency());
        assertEquals("tpe", spec.sampler());
        assertEquals("median", spec.pruner());
        assertEquals(Direction.MINIMIZE, spec.objective().direction());
        assertEquals(List.of("learningRate", "batchSize"), spec.space().names());
        assertEquals("known-model", spec.model());
        assertEquals(null, spec.base().model(), "only the final model registers");
        assertEquals(2, spec.base().training().epochs());
        assertEquals((4 + 1) * 2, spec.totalEpochs());
        assertTrue(spec.newSampler() instanceof TpeSampler);
        assertTrue(spec.newPruner() instanceof MedianPruner);
        assertEquals(42, spec.seed());
    }

    @Test
    void aTrialsParametersOverrideTheBase() {
        TuneJobSpec spec = parse(SPACE + ",\"seed\":7");
        var trial = spec.trialSpec(Map.of("learningRate", 0.01, "batchSize", 32));
        assertEquals(0.01, trial.training().learningRate());
        assertEquals(32, trial.training().batchSize());
        assertEquals("mlp", trial.training().architecture().externalName());
        assertEquals(7, trial.training().seed());
        assertEquals(300, trial.trainSamples());
    }

    @Test
    void everyBadSearchSpaceReasonIsGivenAtOnce() {
        refused("\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":0.1,\"high\":0.1}}",
                "learningRate: empty range");
        refused("\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":0,\"high\":0.1,\"log\":true}}",
                "learningRate.low: a log range needs low > 0");
        refused("\"searchSpace\":{\"dropout\":{\"type\":\"float\",\"low\":0,\"high\":0.5}}",
                "searchSpace.dropout: unknown training field");
        refused("\"searchSpace\":{\"batchSize\":{\"type\":\"int\",\"low\":64,\"high\":16}}", "batchSize: empty range");
        refused("\"searchSpace\":{\"optimizer\":{\"type\":\"categorical\",\"choices\":[]}}", "optimizer.choices: is empty");
        refused("\"searchSpace\":{\"learningRate\":{\"type\":\"beta\"}}", "unknown distribution 'beta'");
        refused("\"searchSpace\":{}", "searchSpace: needs at least one parameter");
        refused("\"searchSpace\":[1]", "searchSpace is an object");
        refused("\"trials\":3", "searchSpace is required");
        List<String> several = errors("\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":-1,\"high\":-2,"
                + "\"log\":true},\"colour\":{\"type\":\"categorical\",\"choices\":[\"red\"]}}");
        assertEquals(3, several.size(), several.toString());
    }

    @Test
    void valuesThatMakeNoUsableTrainingSpecAreRefused() {
        refused("\"searchSpace\":{\"batchSize\":{\"type\":\"float\",\"low\":16,\"high\":64}}",
                "searchSpace.batchSize = 16.0 is not usable: batchSize is an integer");
        refused("\"searchSpace\":{\"learningRate\":{\"type\":\"float\",\"low\":0.1,\"high\":50}}",
                "searchSpace.learningRate = 50.0 is not usable");
        refused("\"searchSpace\":{\"batchSize\":{\"type\":\"categorical\",\"choices\":[16,4096]}}",
                "searchSpace.batchSize = 4096 is not usable: batchSize 4096 is larger than the training data");
        refused("\"searchSpace\":{\"optimizer\":{\"type\":\"categorical\",\"choices\":[\"adam\",\"lion\"]}}",
                "unknown optimizer 'lion'");
    }

    @Test
    void badStudySettingsAreRefused() {
        refused(SPACE + ",\"objective\":{\"metric\":\"val_f2\",\"direction\":\"maximize\"}",
                "objective.metric: unknown metric 'val_f2'");
        refused(SPACE + ",\"objective\":{\"metric\":\"val_auc\",\"direction\":\"up\"}", "objective.direction");
        refused(SPACE + ",\"trials\":0", "trials is 1-500, got 0");
        refused(SPACE + ",\"trials\":-3", "trials is 1-500, got -3");
        refused(SPACE + ",\"trials\":501", "trials is 1-500");
        refused(SPACE + ",\"trials\":2,\"concurrency\":3", "concurrency is 1-trials (2), got 3");
        refused(SPACE + ",\"sampler\":\"cmaes\"", "sampler 'cmaes' is not known");
        refused(SPACE + ",\"pruner\":\"hyperband\"", "pruner 'hyperband' is not known");
        refused(SPACE + ",\"model\":\"no-such-model\"", "model 'no-such-model' is not a registered model");
        refused(SPACE + ",\"folds\":5", "unknown members [folds]");
        refused(SPACE + ",\"sampler\":\"grid\"", "sampler grid: searchSpace.learningRate: is continuous");
        refused(SPACE + ",\"optimizer\":\"lion\"", "optimizer is one of adam, sgd, got 'lion'");
    }

    @Test
    void theKindMustBeTune() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> bind(
                "{\"kind\":\"train\",\"dataset\":\"fashion-mnist\"," + SPACE + "}"));
        assertTrue(e.getMessage().contains("kind is tune"), e.getMessage());
    }

    @Test
    void aGridStudyNeedsAFiniteSpace() {
        TuneJobSpec spec = parse("\"sampler\":\"grid\",\"searchSpace\":{\"batchSize\":{\"type\":\"categorical\","
                + "\"choices\":[16,32]},\"learningRate\":{\"type\":\"float\",\"low\":0.01,\"high\":0.03,\"step\":0.01}}");
        assertTrue(spec.newSampler() instanceof GridSampler grid && grid.size() == 6);
    }
}
