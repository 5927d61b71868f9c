package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.runs.Lineage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingProvenanceTest {

    static final TrainingProvenance.Appliance BUILD =
            new TrainingProvenance.Appliance("1.2.0", "abc123def", "false", "runvault:1.2.0+git:abc123d");

    @Test
    void theApplianceFactsKeepTheirNamesAndOrder() {
        assertEquals(List.of("version", "commit", "dirty"), List.copyOf(BUILD.facts().keySet()));
        assertEquals(Map.of("version", "1.2.0", "commit", "abc123def", "dirty", "false"), BUILD.facts());
    }

    @Test
    void theEngineFactsAreACopy() {
        Map<String, String> engine = new LinkedHashMap<>(Map.of("djl_version", "0.33.0"));
        TrainingProvenance p = new TrainingProvenance("fashion-mnist", "sha256:00", 7, "cpu()", BUILD, engine);
        engine.put("djl_version", "changed");
        assertEquals("0.33.0", p.engine().get("djl_version"));
        assertThrows(UnsupportedOperationException.class, () -> p.engine().put("x", "y"));
    }

    @Test
    void theDataAndDeviceAreRequired() {
        assertThrows(NullPointerException.class,
                () -> new TrainingProvenance("fashion-mnist", null, 7, "cpu()", BUILD, Map.of()));
        assertThrows(NullPointerException.class,
                () -> new TrainingProvenance("fashion-mnist", "sha256:00", 7, null, BUILD, Map.of()));
    }

    @Test
    void aResultGivesItsSeedDeviceAndTheEngine() {
        TrainingResult r = new Trainer().train(TrainerTest.tiny("mlp").epochs(1).seed(11).build(), TrainerTest.TRAIN,
                TrainerTest.VAL, null);
        TrainingProvenance p = TrainingProvenance.of("tiny", "sha256:01", r, BUILD);
        assertEquals(11, p.seed());
        assertEquals("cpu()", p.device());
        assertEquals(TrainingEngine.NAME, p.engine().get("engine"));
        assertEquals(BUILD, p.appliance());
    }

    @Test
    void aRunThatTrainedNothingRecordsItsDataSeedAndAppliance() {
        TrainingProvenance p = TrainingProvenance.ofData("fashion-mnist", "blake2b:00", 4, BUILD);
        assertEquals("fashion-mnist", p.datasetName());
        assertEquals("blake2b:00", p.datasetDigest());
        assertEquals(4, p.seed());
        assertEquals(TrainingProvenance.NOT_TRAINED, p.device());
        assertEquals(Map.of(), p.engine());
        assertEquals(BUILD, p.appliance());
    }

    @Test
    void theLineageCarriesTheDataAndTheBuildsCodeVersion() {
        TrainingProvenance p = new TrainingProvenance("fashion-mnist", "blake2b:00", 7, "cpu()", BUILD, Map.of());
        assertEquals(new Lineage(List.of("parent-1", "parent-2"), "blake2b:00", "fashion-mnist",
                "runvault:1.2.0+git:abc123d", "blake2b:env"), p.lineage(List.of("parent-1", "parent-2"), "blake2b:env"));
        assertEquals(List.of(), p.lineage(List.of(), "blake2b:env").parents());
    }
}
