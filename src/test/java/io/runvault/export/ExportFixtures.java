package io.runvault.export;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import io.runvault.datasets.LabelledImages;
import io.runvault.training.Architectures;
import io.runvault.training.TrainingEngine;
import io.runvault.training.TrainingSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random images and randomly initialised parameters for export tests. */
final class ExportFixtures {

    private ExportFixtures() {}

    /** {@code n} images of {@code c x h x w} uniform pixels in [0, 1], labels cycling through {@code k} classes. */
    static LabelledImages images(int n, int c, int h, int w, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] px = new float[n * c * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = random.nextInt(256) / 255f;
        }
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
        }
        for (int i = 0; i < k; i++) {
            names.add("class-" + i);
        }
        return new LabelledImages(px, labels, c, h, w, names);
    }

    /**
     * Xavier-initialised parameters of {@code spec}'s network, with batch-norm statistics drawn at
     * random too (fresh ones are 0 and 1, which would hide a wrong mapping).
     */
    static byte[] randomParameters(TrainingSpec spec, int c, int h, int w, int k, long seed) {
        TrainingEngine.engine();
        Block block = Architectures.build(spec, c, h, w, k);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TrainingEngine.NAME)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, c, h, w));
            for (Parameter p : block.getParameters().values()) {
                String name = p.getName();
                NDArray a = p.getArray();
                if (name.equals("runningMean") || name.equals("beta") || name.equals("bias")) {
                    a.set(randomFloats((int) a.size(), random, -0.5, 0.5));
                } else if (name.equals("runningVar") || name.equals("gamma")) {
                    a.set(randomFloats((int) a.size(), random, 0.5, 1.5));
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                block.saveParameters(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    private static float[] randomFloats(int n, SplittableRandom random, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(lo, hi);
        }
        return v;
    }
}
