package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.datasets.LabelledImages;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingSpecTest {

    static final LabelledImages TWENTY = new LabelledImages(
            new float[20 * 28 * 28], new int[20], 1, 28, 28, List.of("a", "b"));

    @Test
    void defaultsAreValid() {
        TrainingSpec spec = TrainingSpec.builder().build();
        assertEquals(List.of(), batchSize(spec, 16).build().validate(TWENTY));
        assertEquals(SelectionMetric.VAL_AUC, spec.selectionMetric());
        assertEquals(Architecture.MINICNN, spec.architecture());
        assertEquals(OptimizerType.ADAM, spec.optimizer());
        assertEquals(ScheduleType.NONE, spec.schedule());
        assertEquals(ClassWeights.NONE, spec.classWeights());
        assertEquals(DeviceChoice.AUTO, spec.device());
        assertEquals(spec, spec.toBuilder().build());
    }

    private static TrainingSpec.Builder batchSize(TrainingSpec s, int n) {
        return s.toBuilder().batchSize(n);
    }

    @Test
    void namesAreCaseInsensitive() {
        TrainingSpec spec = TrainingSpec.builder().architecture(" MiniCNN ").optimizer("SGD").device("CPU").build();
        assertEquals(Architecture.MINICNN, spec.architecture());
        assertEquals(OptimizerType.SGD, spec.optimizer());
        assertEquals(DeviceChoice.CPU, spec.device());
    }

    @Test
    void choicesKeepTheNamesUsersWrite() {
        assertEquals(List.of("minicnn", "mlp", "resnet"), NamedChoice.names(Architecture.class));
        assertEquals(List.of("adam", "sgd"), NamedChoice.names(OptimizerType.class));
        assertEquals(List.of("cosine", "none", "step"), NamedChoice.names(ScheduleType.class));
        assertEquals(List.of("auto", "none"), NamedChoice.names(ClassWeights.class));
        assertEquals(List.of("val_accuracy", "val_auc", "val_macro_f1"), NamedChoice.names(SelectionMetric.class));
        assertEquals(List.of("auto", "cpu", "gpu"), NamedChoice.names(DeviceChoice.class));
        assertEquals("val_macro_f1", SelectionMetric.VAL_MACRO_F1.toString());
        assertEquals("resnet", Architecture.RESNET.toString());
        for (SelectionMetric m : SelectionMetric.values()) {
            assertEquals(m, NamedChoice.parse(SelectionMetric.class, "selectionMetric", m.externalName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedChoice.parse(DeviceChoice.class, "device", " TPU"));
        assertEquals("unknown device 'tpu'; expected one of [auto, cpu, gpu]", e.getMessage());
    }

    @Test
    void everyProblemIsNamedInFieldOrder() {
        InvalidTrainingSpecException e = assertThrows(InvalidTrainingSpecException.class, () -> TrainingSpec.builder()
                .architecture("transformer")
                .epochs(-1)
                .batchSize(0)
                .optimizer("rmsprop")
                .momentum(1.5)
                .learningRate(0)
                .schedule("linear")
                .weightDecay(-0.1)
                .augmentation(new Augmentation(true, -2, 400, 3))
                .classWeights("inverse")
                .patience(-3)
                .selectionMetric("val_loss")
                .device("tpu")
                .threads(-1)
                .build());
        List<String> expected = List.of(
                "unknown architecture 'transformer'; expected one of [minicnn, mlp, resnet]",
                "epochs must be at least 1, got -1",
                "batchSize must be at least 1, got 0",
                "unknown optimizer 'rmsprop'; expected one of [adam, sgd]",
                "momentum must be in [0, 1), got 1.5",
                "learningRate must be greater than 0 (and at most 10), got 0.0",
                "unknown schedule 'linear'; expected one of [cosine, none, step]",
                "weightDecay must be in [0, 1), got -0.1",
                "augmentation translate must be >= 0 pixels, got -2",
                "augmentation rotation must be between 0 and 180 degrees, got 400.0",
                "augmentation noise must be between 0 and 1, got 3.0",
                "unknown classWeights 'inverse'; expected one of [auto, none]",
                "patience must be >= 0 (0 disables early stopping), got -3",
                "unknown selectionMetric 'val_loss'; expected one of [val_accuracy, val_auc, val_macro_f1]",
                "unknown device 'tpu'; expected one of [auto, cpu, gpu]",
                "threads must be between 0 (default) and 1024, got -1");
        assertEquals(expected, e.errors());
        assertEquals("invalid training spec: " + String.join("; ", expected), e.getMessage());
    }

    /** One broken rule each, with the only error it must cause. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule(b -> b.architecture("vit"), "unknown architecture 'vit'; expected one of [minicnn, mlp, resnet]"),
                rule(b -> b.architecture((String) null),
                        "unknown architecture 'null'; expected one of [minicnn, mlp, resnet]"),
                rule(b -> b.epochs(0), "epochs must be at least 1, got 0"),
                rule(b -> b.batchSize(0), "batchSize must be at least 1, got 0"),
                rule(b -> b.optimizer("lion"), "unknown optimizer 'lion'; expected one of [adam, sgd]"),
                rule(b -> b.momentum(1), "momentum must be in [0, 1), got 1.0"),
                rule(b -> b.momentum(-0.01), "momentum must be in [0, 1), got -0.01"),
                rule(b -> b.momentum(Double.NaN), "momentum must be in [0, 1), got NaN"),
                rule(b -> b.learningRate(-1e-3), "learningRate must be greater than 0 (and at most 10), got -0.001"),
                rule(b -> b.learningRate(10.5), "learningRate must be greater than 0 (and at most 10), got 10.5"),
                rule(b -> b.learningRate(Double.NaN), "learningRate must be greater than 0 (and at most 10), got NaN"),
                rule(b -> b.schedule("linear"), "unknown schedule 'linear'; expected one of [cosine, none, step]"),
                rule(b -> b.schedule("step").stepSize(0),
                        "stepSize must be at least 1 epoch for the step schedule, got 0"),
                rule(b -> b.schedule("step").stepGamma(0),
                        "stepGamma must be in (0, 1] for the step schedule, got 0.0"),
                rule(b -> b.schedule("step").stepGamma(1.5),
                        "stepGamma must be in (0, 1] for the step schedule, got 1.5"),
                rule(b -> b.weightDecay(1), "weightDecay must be in [0, 1), got 1.0"),
                rule(b -> b.weightDecay(-0.1), "weightDecay must be in [0, 1), got -0.1"),
                rule(b -> b.augmentation(new Augmentation(false, -1, 0, 0)),
                        "augmentation translate must be >= 0 pixels, got -1"),
                rule(b -> b.augmentation(new Augmentation(false, 0, 181, 0)),
                        "augmentation rotation must be between 0 and 180 degrees, got 181.0"),
                rule(b -> b.augmentation(new Augmentation(false, 0, 0, 1.5)),
                        "augmentation noise must be between 0 and 1, got 1.5"),
                rule(b -> b.classWeights("inverse"), "unknown classWeights 'inverse'; expected one of [auto, none]"),
                rule(b -> b.patience(-1), "patience must be >= 0 (0 disables early stopping), got -1"),
                rule(b -> b.selectionMetric("val_loss"),
                        "unknown selectionMetric 'val_loss'; expected one of [val_accuracy, val_auc, val_macro_f1]"),
                rule(b -> b.device("tpu"), "unknown device 'tpu'; expected one of [auto, cpu, gpu]"),
                rule(b -> b.threads(-1), "threads must be between 0 (default) and 1024, got -1"),
                rule(b -> b.threads(1025), "threads must be between 0 (default) and 1024, got 1025"));
    }

    private static Arguments rule(UnaryOperator<TrainingSpec.Builder> breakIt, String message) {
        return Arguments.of(message, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachRuleFailsTheConstructionWithItsMessage(String message, UnaryOperator<TrainingSpec.Builder> breakIt) {
        InvalidTrainingSpecException e = assertThrows(InvalidTrainingSpecException.class,
                () -> breakIt.apply(TrainingSpec.builder()).build());
        assertEquals(List.of(message), e.errors());
    }

    @Test
    void theLimitsThemselvesAreAllowed() {
        TrainingSpec.builder().epochs(1).batchSize(1).momentum(0).learningRate(10).weightDecay(0).patience(0)
                .threads(1024).schedule("step").stepSize(1).stepGamma(1)
                .augmentation(new Augmentation(true, 0, 180, 1)).build();
        TrainingSpec.builder().momentum(0.999).threads(0).build();
        // The step settings only matter to the step schedule.
        TrainingSpec.builder().schedule("cosine").stepSize(0).stepGamma(7).build();
    }

    @Test
    void theConstructorItselfRefusesAnInvalidSpec() {
        TrainingSpec valid = TrainingSpec.builder().build();
        InvalidTrainingSpecException e = assertThrows(InvalidTrainingSpecException.class, () -> new TrainingSpec(
                valid.architecture(), valid.depth(), 0, valid.batchSize(), null, valid.momentum(),
                valid.learningRate(), valid.schedule(), valid.stepSize(), valid.stepGamma(), valid.weightDecay(),
                valid.seed(), null, valid.classWeights(), valid.patience(), valid.selectionMetric(), valid.device(),
                valid.threads()));
        assertEquals(List.of("epochs must be at least 1, got 0",
                "unknown optimizer 'null'; expected one of [adam, sgd]"), e.errors());
        // A missing augmentation means none.
        assertEquals(Augmentation.NONE, new TrainingSpec(valid.architecture(), valid.depth(), valid.epochs(),
                valid.batchSize(), valid.optimizer(), valid.momentum(), valid.learningRate(), valid.schedule(),
                valid.stepSize(), valid.stepGamma(), valid.weightDecay(), valid.seed(), null, valid.classWeights(),
                valid.patience(), valid.selectionMetric(), valid.device(), valid.threads()).augmentation());
    }

    @Test
    void dataDependentProblems() {
        TrainingSpec tooBig = TrainingSpec.builder().batchSize(64).build();
        assertEquals(List.of("batchSize 64 is larger than the training data (20 images)"), tooBig.validate(TWENTY));

        TrainingSpec resnet = TrainingSpec.builder().architecture("resnet").depth(18).batchSize(8).build();
        List<String> errors = resnet.validate(TWENTY);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("resnet depth 18 is not available for images 28 pixels high"),
                errors.get(0));
        assertEquals(List.of(), resnet.toBuilder().depth(20).build().validate(TWENTY));

        LabelledImages tiny = new LabelledImages(new float[20 * 4 * 4], new int[20], 1, 4, 4, List.of("a", "b"));
        assertTrue(TrainingSpec.builder().batchSize(8).build().validate(tiny).get(0).contains("at least 8x8"));

        LabelledImages oneClass = new LabelledImages(new float[20 * 28 * 28], new int[20], 1, 28, 28, List.of("a"));
        assertTrue(TrainingSpec.builder().batchSize(8).build().validate(oneClass).get(0)
                .contains("at least two classes"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tooBig.requireValid(TWENTY));
        assertTrue(e.getMessage().startsWith("invalid training spec: batchSize 64"));
    }

    @Test
    void stepScheduleNeedsItsSettings() {
        InvalidTrainingSpecException e = assertThrows(InvalidTrainingSpecException.class,
                () -> TrainingSpec.builder().schedule("step").stepSize(0).stepGamma(2).build());
        assertEquals(2, e.errors().size(), e.errors().toString());
    }
}
