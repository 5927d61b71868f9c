package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runvault.datasets.FashionMnist;
import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real 28x28 shape through every architecture: 200 Fashion-MNIST test images, one epoch. */
class FashionMnistTrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "minicnn", "resnet"})
    void trainsOnRealImages(String architecture) throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "dataset-fashion-mnist is not installed");
        LabelledImages few = FashionMnist.test(FashionMnist.DEBIAN_DIR).head(200);
        Splits.TrainVal split = Splits.stratified(few, 0.3, 42);
        TrainingSpec spec = TrainingSpec.builder()
                .architecture(architecture)
                .depth(8)
                .epochs(1)
                .batchSize(32)
                .seed(1)
                .device("cpu")
                .augmentation(new Augmentation(true, 2, 0, 0.02))
                .build();
        TrainingResult r = new Trainer().train(spec, split.train(), split.val(), null);
        assertEquals(1, r.history().size());
        assertEquals(split.val().size(), r.validation().predictions().length);
        assertEquals(10, r.validation().perClass().size());
        assertTrue(r.finalMetrics().get("val_auc") > 0.5, r.history().toString());
        if (architecture.equals("minicnn")) {
            assertEquals(Trainer.parameterCount(spec, 1, 28, 28, 10), r.parameterCount());
            assertTrue(r.parameterCount() < 100_000, "minicnn has " + r.parameterCount() + " parameters");
        }
    }
}
