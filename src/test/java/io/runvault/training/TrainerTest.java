package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.datasets.LabelledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

    static final LabelledImages TRAIN = TinyImages.make(96, 1);
    static final LabelledImages VAL = TinyImages.make(48, 2);

    static TrainingSpec.Builder tiny(String architecture) {
        return TrainingSpec.builder()
                .architecture(architecture)
                .depth(8)
                .epochs(2)
                .batchSize(16)
                .learningRate(1e-2)
                .seed(7)
                .device("cpu")
                .threads(1);
    }

    /** Records every callback. */
    static final class Recorder implements TrainingListener {
        final List<int[]> steps = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();

        @Override
        public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
            steps.add(new int[] {epoch, step, stepsPerEpoch});
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            epochs.add(metrics);
        }

        @Override
        public void onCheckpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "minicnn", "resnet"})
    void everyArchitectureTrainsAndReports(String architecture) {
        Recorder recorder = new Recorder();
        TrainingResult r = new Trainer().train(tiny(architecture).build(), TRAIN, VAL, recorder);

        assertEquals(2, r.history().size());
        assertEquals(12, recorder.steps.size()); // 96 / 16 = 6 steps, 2 epochs
        assertArrayEquals(new int[] {2, 6, 6}, recorder.steps.get(11));
        assertEquals(r.history(), recorder.epochs);
        assertEquals(2, recorder.checkpoints.size());
        assertTrue(r.parameterCount() > 0);
        assertEquals("cpu()", r.device());
        for (EpochMetrics m : r.history()) {
            for (Map.Entry<String, Double> e : m.asMap().entrySet()) {
                assertTrue(Double.isFinite(e.getValue()), e.getKey() + " = " + e.getValue());
            }
            assertTrue(m.valAuc() >= 0 && m.valAuc() <= 1);
        }
        Evaluation v = r.validation();
        assertEquals(48, v.probabilities().length);
        for (float[] row : v.probabilities()) {
            assertEquals(3, row.length);
            double sum = 0;
            for (float p : row) {
                sum += p;
            }
            assertEquals(1.0, sum, 1e-4);
        }
        assertEquals(48, Stream.of(v.confusion()).flatMapToInt(java.util.Arrays::stream).sum());
        assertEquals(3, v.perClass().size());
        assertEquals(16, v.perClass().get(0).support());
        // The final metrics are the best epoch's validation metrics.
        assertEquals(r.best().valAccuracy(), r.finalMetrics().get("val_accuracy"), 1e-12);
        assertEquals(r.best().valAuc(), r.finalMetrics().get("val_auc"), 1e-12);
        assertEquals(2, r.series().get("val_auc").length);
        assertEquals(2, r.timings().epochs().size());
    }

    @Test
    void learnsAnEasyTask() {
        TrainingResult r = new Trainer().train(tiny("mlp").epochs(6).learningRate(3e-3).build(), TRAIN, VAL, null);
        assertTrue(r.finalMetrics().get("val_accuracy") >= 0.9, r.history().toString());
        assertTrue(r.finalMetrics().get("val_auc") >= 0.95, r.history().toString());
    }

    @Test
    void sameSpecSeedAndDataGiveIdenticalResults() {
        TrainingSpec spec = tiny("minicnn")
                .augmentation(new Augmentation(true, 1, 10, 0.05))
                .classWeights("auto")
                .schedule("cosine")
                .build();
        TrainingResult a = new Trainer().train(spec, TRAIN, VAL, null);
        TrainingResult b = new Trainer().train(spec, TRAIN, VAL, null);
        assertEquals(withoutTimes(a.history()), withoutTimes(b.history()));
        assertArrayEquals(a.bestParameters(), b.bestParameters());
        assertArrayEquals(a.validation().probabilities(), b.validation().probabilities());

        TrainingResult other = new Trainer().train(spec.toBuilder().seed(8).build(), TRAIN, VAL, null);
        assertNotEquals(withoutTimes(a.history()), withoutTimes(other.history()));
    }

    @Test
    void resumingFromACheckpointEqualsContinuing(@TempDir Path dir) throws IOException {
        // Plain SGD keeps no optimizer state, so resuming must reproduce the uninterrupted run exactly.
        TrainingSpec spec = tiny("minicnn").optimizer("sgd").momentum(0).learningRate(0.05).epochs(3).build();
        Recorder straight = new Recorder();
        TrainingResult full = new Trainer().train(spec, TRAIN, VAL, straight);

        Path file = dir.resolve("epoch1.ckpt");
        straight.checkpoints.get(0).write(file);
        Checkpoint saved = Checkpoint.read(file);
        assertEquals(1, saved.epoch());

        Recorder resumed = new Recorder();
        TrainingResult rest = new Trainer().train(spec, TRAIN, VAL, resumed, saved);
        assertEquals(1, rest.resumedFrom());
        assertEquals(2, resumed.epochs.get(0).epoch());
        assertEquals(12, resumed.steps.size()); // epochs 2 and 3 only
        assertEquals(withoutTimes(full.history()), withoutTimes(rest.history()));
        assertArrayEquals(straight.checkpoints.get(2).parameters(), resumed.checkpoints.get(1).parameters());
        assertEquals(full.bestEpoch(), rest.bestEpoch());
        assertArrayEquals(full.validation().probabilities(), rest.validation().probabilities());
    }

    @Test
    void adamAndMomentumRunsResumeExactlyToo() throws IOException {
        for (TrainingSpec spec : List.of(
                tiny("minicnn").epochs(3).weightDecay(1e-4).schedule("cosine").build(),
                tiny("mlp").optimizer("sgd").momentum(0.9).learningRate(0.02).epochs(3).build())) {
            Recorder straight = new Recorder();
            TrainingResult full = new Trainer().train(spec, TRAIN, VAL, straight);
            Checkpoint c = Checkpoint.fromBytes(straight.checkpoints.get(1).toBytes());
            assertTrue(c.optimizerState().length > 0);
            // The saved parameters evaluate to the checkpoint's recorded validation metrics.
            Evaluation atCheckpoint = new Trainer().evaluate(spec, c.parameters(), VAL);
            assertEquals(c.history().get(1).valAccuracy(), atCheckpoint.accuracy(), 1e-12);
            assertEquals(c.history().get(1).valLoss(), atCheckpoint.loss(), 1e-6);

            Recorder resumed = new Recorder();
            TrainingResult rest = new Trainer().train(spec, TRAIN, VAL, resumed, c);
            assertEquals(2, rest.resumedFrom());
            assertEquals(1, resumed.epochs.size());
            assertEquals(withoutTimes(full.history()), withoutTimes(rest.history()), spec.toString());
            assertArrayEquals(full.bestParameters(), rest.bestParameters());
        }
    }

    @Test
    void withoutOptimizerStateAResumeStillStartsFromTheSavedParameters() {
        TrainingSpec spec = tiny("mlp").epochs(2).build();
        Recorder first = new Recorder();
        new Trainer().train(spec.toBuilder().epochs(1).build(), TRAIN, VAL, first);
        Checkpoint saved = first.checkpoints.get(0);
        Checkpoint bare = new Checkpoint(saved.architecture(), 1, saved.parameters(), null, 1,
                saved.bestParameters(), saved.history());
        TrainingResult r = new Trainer().train(spec, TRAIN, VAL, null, bare);
        assertEquals(2, r.history().size());
        assertEquals(saved.history().get(0), r.history().get(0));
        // Moments restart at zero, so epoch 2 differs from the uninterrupted run's but still trains.
        assertTrue(r.history().get(1).trainLoss() < saved.history().get(0).trainLoss());
    }

    @Test
    void checkpointForAnotherArchitectureIsRefused() {
        Recorder rec = new Recorder();
        new Trainer().train(tiny("mlp").epochs(1).build(), TRAIN, VAL, rec);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(tiny("minicnn").build(), TRAIN, VAL, null, rec.checkpoints.get(0)));
        assertTrue(e.getMessage().contains("architecture 'mlp'"), e.getMessage());
    }

    @Test
    void evaluateReproducesTheValidationOfTheBestParameters() {
        TrainingSpec spec = tiny("minicnn").build();
        TrainingResult r = new Trainer().train(spec, TRAIN, VAL, null);
        Evaluation again = new Trainer(7).evaluate(spec, r.bestParameters(), VAL);
        assertArrayEquals(r.validation().predictions(), again.predictions());
        assertEquals(r.validation().auc(), again.auc(), 1e-6);
    }

    @Test
    void earlyStoppingEndsWhenTheMetricStopsImproving() {
        // A vanishing learning rate cannot change predictions: no epoch after the first is better.
        TrainingSpec spec = tiny("mlp").learningRate(1e-9).epochs(6).patience(2)
                .selectionMetric("val_accuracy").build();
        TrainingResult r = new Trainer().train(spec, TRAIN, VAL, null);
        assertTrue(r.earlyStopped());
        assertEquals(3, r.history().size());
        assertEquals(1, r.bestEpoch());
    }

    @Test
    void schedulesChangeTheRatePerEpoch() {
        TrainingResult cosine = new Trainer().train(
                tiny("mlp").epochs(3).learningRate(0.01).schedule("cosine").build(), TRAIN, VAL, null);
        assertEquals(0.01, cosine.history().get(0).learningRate(), 1e-9);
        assertEquals(0.0075, cosine.history().get(1).learningRate(), 1e-7);
        assertEquals(0.0025, cosine.history().get(2).learningRate(), 1e-7);
        EpochSchedule step = new EpochSchedule(tiny("mlp").learningRate(1).schedule("step").stepSize(2)
                .stepGamma(0.5).build());
        assertEquals(1f, step.rate(2));
        assertEquals(0.5f, step.rate(3));
        assertEquals(0.25f, step.rate(5));
    }

    @Test
    void aStopRequestEndsTheRunBetweenSteps() {
        AtomicInteger polls = new AtomicInteger();
        TrainingListener stopAfterEightSteps = new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return polls.incrementAndGet() > 8;
            }
        };
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class,
                () -> new Trainer().train(tiny("mlp").build(), TRAIN, VAL, stopAfterEightSteps));
        assertEquals(1, e.completedEpochs());
    }

    @Test
    void invalidSpecsAndMismatchedDataAreRefusedBeforeTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(tiny("mlp").batchSize(500).build(), TRAIN, VAL, null));
        assertTrue(e.getMessage().contains("batchSize 500 is larger than the training data (96 images)"));
        LabelledImages otherClasses = new LabelledImages(VAL.copyOfPixels(), VAL.labels(), 1, 12, 12,
                List.of("a", "b", "c"));
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(tiny("mlp").build(), TRAIN, otherClasses, null));
    }

    @Test
    void nativesLoadOfflineFromTheJar() throws IOException {
        Map<String, String> env = TrainingEngine.describe();
        assertEquals("PyTorch", env.get("engine"));
        assertEquals("2.5.1", env.get("engine_version"));
        assertEquals("true", env.get("offline"));
        String cache = System.getProperty("DJL_CACHE_DIR");
        if (cache != null) { // set by the build (surefire): the natives were extracted there
            try (Stream<Path> files = Files.walk(Path.of(cache))) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("libtorch_cpu.so")));
            }
        }
        assertFalse(TrainingEngine.device(DeviceChoice.AUTO).toString().isEmpty());
    }

    static List<EpochMetrics> withoutTimes(List<EpochMetrics> history) {
        return history.stream()
                .map(m -> new EpochMetrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(),
                        m.valAuc(), m.valMacroF1(), m.learningRate(), 0))
                .toList();
    }
}
