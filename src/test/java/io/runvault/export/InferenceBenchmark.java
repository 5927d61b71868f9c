package io.runvault.export;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.runvault.datasets.FashionMnist;
import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;
import io.runvault.training.Architectures;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingProvenance;
import io.runvault.training.TrainingEngine;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Inference throughput of one MiniCNN model in DJL (PyTorch 2.5.1 natives) and, exported, in ONNX
 * Runtime: the 10,000 Fashion-MNIST test images, same batches, same thread count, both on the CPU.
 * A plain main program (tests/bench/inference.sh runs it); it prints numbers, there is no pass/fail.
 *
 * <pre>
 * java -Dai.djl.offline=true -DDJL_CACHE_DIR=target/djl-cache -cp ... \
 *     io.runvault.export.InferenceBenchmark [threads=2] [batch=256] [repeats=3] [dir=/usr/share/datasets/fashion-mnist]
 * </pre>
 *
 * The model is trained for one epoch on 12,000 training images first, so both engines see realistic
 * weights and the accuracies mean something. Each engine does one untimed warm-up pass, then
 * {@code repeats} timed passes; the best pass counts. Both timings include copying the batch in and
 * the probabilities out.
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = args.length > 3 ? Path.of(args[3]) : FashionMnist.DEBIAN_DIR;
        TrainingEngine.configure(null, threads, 1);

        LabelledImages test = FashionMnist.test(dir);
        LabelledImages train = Splits.stratified(FashionMnist.train(dir), 0.2, 42).val();
        Splits.TrainVal split = Splits.stratified(train, 0.1, 42);
        TrainingSpec spec = TrainingSpec.builder().architecture("minicnn").epochs(1).batchSize(64)
                .seed(42).device("cpu").threads(threads).build();
        TrainingResult trained = new Trainer().train(spec, split.train(), split.val(), null);
        byte[] parameters = trained.bestParameters();
        byte[] model = OnnxExporter.export(spec, parameters, new Shape(1, 28, 28), 10,
                OnnxExport.metadata(spec, test, test.classNames(),
                        new TrainingProvenance.Appliance("benchmark", "unknown", "unknown", "runvault:benchmark"), Map.of()));
        System.out.printf(Locale.ROOT, "model: minicnn, %d ONNX bytes; %d test images, batch %d, %d threads, best of %d%n",
                model.length, test.size(), batch, threads, repeats);

        float[] djl = new float[test.size() * 10];
        float[] ort = new float[test.size() * 10];
        double djlSeconds = djl(spec, parameters, test, batch, repeats, djl);
        double ortSeconds = ort(model, test, batch, threads, repeats, ort);

        double djlRate = test.size() / djlSeconds;
        double ortRate = test.size() / ortSeconds;
        System.out.printf(Locale.ROOT, "DJL (PyTorch %s)     %8.3f s  %9.0f images/s  accuracy %.4f%n",
                TrainingEngine.engine().getVersion(), djlSeconds, djlRate, accuracy(djl, test));
        System.out.printf(Locale.ROOT, "ONNX Runtime %s    %8.3f s  %9.0f images/s  accuracy %.4f%n",
                OnnxRuntimeSession.version(), ortSeconds, ortRate, accuracy(ort, test));
        double max = 0;
        for (int i = 0; i < djl.length; i++) {
            max = Math.max(max, Math.abs(djl[i] - ort[i]));
        }
        System.out.printf(Locale.ROOT, "ratio ONNX Runtime / DJL: %.2fx images/s; max |probability difference| %.3g%n",
                ortRate / djlRate, max);
    }

    private static double djl(TrainingSpec spec, byte[] parameters, LabelledImages data, int batch, int repeats,
                              float[] out) {
        Block block = Architectures.build(spec, 1, 28, 28, 10);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TrainingEngine.NAME)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            OnnxExporter.load(block, manager, parameters);
            ParameterStore store = new ParameterStore(manager, false);
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r <= repeats; r++) {
                long t0 = System.nanoTime();
                int size = data.imageSize();
                for (int from = 0; from < data.size(); from += batch) {
                    int b = Math.min(batch, data.size() - from);
                    try (NDManager bm = manager.newSubManager()) {
                        NDArray x = bm.create(Arrays.copyOfRange(data.copyOfPixels(), from * size, (from + b) * size),
                                new Shape(b, 1, 28, 28));
                        float[] p = block.forward(store, new NDList(x), false).singletonOrThrow().softmax(1)
                                .toFloatArray();
                        System.arraycopy(p, 0, out, from * 10, p.length);
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best = r == 0 ? best : Math.min(best, s); // pass 0 warms up
            }
            return best;
        }
    }

    private static double ort(byte[] model, LabelledImages data, int batch, int threads, int repeats, float[] out)
            throws Exception {
        try (OnnxRuntimeSession session = new OnnxRuntimeSession(model, threads)) {
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r <= repeats; r++) {
                long t0 = System.nanoTime();
                for (int from = 0; from < data.size(); from += batch) {
                    int b = Math.min(batch, data.size() - from);
                    float[] p = session.probabilities(data.copyOfPixels(), from, b);
                    System.arraycopy(p, 0, out, from * 10, p.length);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                best = r == 0 ? best : Math.min(best, s);
            }
            return best;
        }
    }

    private static double accuracy(float[] probabilities, LabelledImages data) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int top = 0;
            for (int c = 1; c < 10; c++) {
                if (probabilities[i * 10 + c] > probabilities[i * 10 + top]) {
                    top = c;
                }
            }
            correct += top == data.labels()[i] ? 1 : 0;
        }
        return (double) correct / data.size();
    }
}
