package io.runvault.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.datasets.FashionMnist;
import io.runvault.datasets.LabelledImages;
import io.runvault.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Test accuracy against wall time for a training recipe on the full Fashion-MNIST set: the
 * training members of a job spec (a JSON file, as posted to {@code /api/v1/jobs}; the data members
 * are ignored) trained on all 60,000 training images, the 10,000 test images scored after every
 * epoch. A plain main program run by tests/bench/train.sh, deliberately not a test.
 *
 * <pre>
 * java ... io.runvault.training.FashionMnistRecipe spec.json [target=0.934] [minutes=10] [threads=2]
 * </pre>
 *
 * The wall time counts from the first training step and includes each epoch's pass over the test
 * images (the job's validation pass costs about the same), not the loading of the data.
 */
public final class FashionMnistRecipe {

    /** Members of a job spec that say which data and where the run goes: not part of the recipe. */
    private static final List<String> DATA_MEMBERS = List.of("kind", "model", "dataset", "experiment", "trainSamples",
            "testSamples", "tags", "valFraction");

    private FashionMnistRecipe() {}

    public static void main(String[] args) throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of(args[0])));
        double target = args.length > 1 ? Double.parseDouble(args[1]) : 0.934;
        double minutes = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        DATA_MEMBERS.forEach(json::remove);
        TrainingSpec spec = Json.MAPPER.treeToValue(json, TrainingParameters.class).toSpec();
        TrainingEngine.configure(null, threads, 1);
        LabelledImages train = FashionMnist.train(FashionMnist.DEBIAN_DIR);
        LabelledImages test = FashionMnist.test(FashionMnist.DEBIAN_DIR);

        long[] start = new long[1];
        double[] reached = {Double.NaN};
        int[] reachedEpoch = new int[1];
        TrainingListener clock = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                if (start[0] == 0) {
                    start[0] = System.nanoTime();
                }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                double wall = (System.nanoTime() - start[0]) / 1e9;
                if (Double.isNaN(reached[0]) && m.valAccuracy() >= target) {
                    reached[0] = wall;
                    reachedEpoch[0] = m.epoch();
                }
                System.out.printf(Locale.ROOT, "epoch %d: %.0f s (%.1f min), test_acc %.4f, train_loss %.4f%n",
                        m.epoch(), wall, wall / 60, m.valAccuracy(), m.trainLoss());
            }
        };
        System.out.println("recipe: " + Json.MAPPER.writeValueAsString(TrainingParameters.of(spec)));
        TrainingResult r = new Trainer().train(spec, train, test, clock);
        double total = (System.nanoTime() - start[0]) / 1e9;
        double last = r.series().get("val_accuracy")[spec.epochs() - 1];
        System.out.printf(Locale.ROOT, "== quality: test accuracy %.4f after %d epochs in %.1f min (target %.3f in <= %.0f"
                        + " min): %s%n", last, spec.epochs(), total / 60, target, minutes,
                Double.isNaN(reached[0]) ? "not reached"
                        : String.format(Locale.ROOT, "reached at epoch %d, %.1f min%s", reachedEpoch[0], reached[0] / 60,
                                reached[0] <= minutes * 60 ? "" : " (over the time)"));
    }
}
