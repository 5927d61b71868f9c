package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.datasets.LabelledImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSpecTest {

    static final LabelledImages TWENTY = new LabelledImages(
            new float[20 * 28 * 28], new int[20], 1, 28, 28, List.of("a", "b"));

    @Test
    void defaultsAreValid() {
        TrainingSpec spec = TrainingSpec.builder().build();
        assertEquals(List.of(), spec.validate());
        assertEquals(List.of(), batchSize(spec, 16).build().validate(TWENTY));
        assertEquals("val_auc", spec.selectionMetric());
        assertEquals("minicnn", spec.architecture());
    }

    private static TrainingSpec.Builder batchSize(TrainingSpec s, int n) {
        return s.toBuilder().batchSize(n);
    }

    @Test
    void namesAreCaseInsensitive() {
        TrainingSpec spec = TrainingSpec.builder().architecture(" MiniCNN ").optimizer("SGD").device("CPU").build();
        assertEquals("minicnn", spec.architecture());
        assertEquals(List.of(), spec.validate());
    }

    @Test
    void everyProblemIsNamed() {
        TrainingSpec bad = TrainingSpec.builder()
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
                .build();
        List<String> errors = bad.validate();
        String all = String.join("\n", errors);
        for (String expected : List.of(
                "unknown architecture 'transformer'; expected one of [minicnn, mlp, resnet]",
                "epochs must be at least 1, got -1",
                "batchSize must be at least 1, got 0",
                "unknown optimizer 'rmsprop'; expected one of [adam, sgd]",
                "momentum must be in [0, 1), got 1.5",
                "learningRate must be greater than 0",
                "unknown schedule 'linear'",
                "weightDecay must be in [0, 1), got -0.1",
                "augmentation translate must be >= 0 pixels, got -2",
                "augmentation rotation must be between 0 and 180 degrees, got 400.0",
                "augmentation noise must be between 0 and 1, got 3.0",
                "unknown classWeights 'inverse'",
                "patience must be >= 0",
                "unknown selectionMetric 'val_loss'; expected one of [val_accuracy, val_auc, val_macro_f1]",
                "unknown device 'tpu'",
                "threads must be between 0 (default) and 1024, got -1")) {
            assertTrue(all.contains(expected), "missing: " + expected + "\nin:\n" + all);
        }
        assertEquals(16, errors.size());
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
        List<String> errors = TrainingSpec.builder().schedule("step").stepSize(0).stepGamma(2).build().validate();
        assertEquals(2, errors.size(), errors.toString());
    }
}
