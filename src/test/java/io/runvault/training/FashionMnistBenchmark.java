package io.runvault.training;

import io.runvault.datasets.FashionMnist;
import io.runvault.datasets.LabelledImages;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains minicnn on the full Fashion-MNIST training set and reports seconds per epoch and test
 * accuracy (a plain main program, deliberately not a test; tests/bench/train.sh runs it beside the
 * same model in Debian's PyTorch).
 *
 * <pre>
 * java -Dai.djl.offline=true -DDJL_CACHE_DIR=target/djl-cache -cp ... \
 *     io.runvault.training.FashionMnistBenchmark [epochs=1] [threads=2] [schedule=none] \
 *     [dir=/usr/share/datasets/fashion-mnist]
 * </pre>
 *
 * The 10,000 test images serve as the per-epoch validation set; "train s" is the optimisation part of
 * an epoch (60,000 images, batch 64, Adam 1e-3), "eval s" the pass over the test images.
 */
public final class FashionMnistBenchmark {

    private FashionMnistBenchmark() {}

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String schedule = args.length > 2 ? args[2] : "none";
        Path dir = args.length > 3 ? Path.of(args[3]) : FashionMnist.DEBIAN_DIR;
        TrainingEngine.configure(null, threads, 1);

        long l0 = System.nanoTime();
        LabelledImages train = FashionMnist.train(dir);
        LabelledImages test = FashionMnist.test(dir);
        double load = (System.nanoTime() - l0) / 1e9;

        TrainingSpec spec = TrainingSpec.builder()
                .architecture("minicnn")
                .epochs(epochs)
                .batchSize(64)
                .optimizer("adam")
                .learningRate(1e-3)
                .schedule(schedule)
                .seed(42)
                .device("cpu")
                .threads(threads)
                .build();
        long[] trainEnd = new long[1];
        long[] epochStart = {System.nanoTime()};
        double[] trainSeconds = new double[epochs + 1];
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                if (step == stepsPerEpoch) {
                    trainEnd[0] = System.nanoTime();
                    trainSeconds[epoch] = (trainEnd[0] - epochStart[0]) / 1e9;
                }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                System.out.printf(Locale.ROOT,
                        "epoch %d: train %.1f s, eval %.1f s, train_loss %.4f, train_acc %.4f, test_loss %.4f,"
                                + " test_acc %.4f, test_auc %.4f%n",
                        m.epoch(), trainSeconds[m.epoch()], (System.nanoTime() - trainEnd[0]) / 1e9, m.trainLoss(),
                        m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.valAuc());
                epochStart[0] = System.nanoTime();
            }
        };
        System.out.println("engine: " + TrainingEngine.describe());
        TrainingResult r = new Trainer().train(spec, train, test, timer);
        System.out.printf(Locale.ROOT, "java/djl minicnn: %d parameters, load %.1f s, setup %.1f s,"
                        + " %.1f s/epoch (train part %.1f s), test accuracy %.4f (epoch %d), test macro AUC %.4f%n",
                r.parameterCount(), load, r.timings().setup(), r.timings().meanEpoch(),
                java.util.Arrays.stream(trainSeconds).skip(1).average().orElse(0),
                r.validation().accuracy(), r.bestEpoch(), r.validation().auc());
    }
}
