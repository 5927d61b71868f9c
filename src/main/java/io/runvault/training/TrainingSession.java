package io.runvault.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import io.runvault.datasets.LabelledImages;
import java.util.SplittableRandom;

/**
 * One call of {@link Trainer#train}: the network, loss and optimizer built for the spec and data,
 * then epoch after epoch of steps, each epoch validated. The order of every call that draws from
 * PyTorch's generator is fixed; changing it changes the metrics a seed gives.
 */
final class TrainingSession {

    private final TrainingSpec spec;
    private final LabelledImages train;
    private final LabelledImages val;
    private final TrainingListener listener;
    private final int evalBatchSize;
    private final Shape imageShape;
    private final Device device;
    private final Block block;
    private final ClassWeightedCrossEntropy loss;
    private final EpochSchedule schedule;
    private final ResumableOptimizer optimizer;
    private final Augmenter augmenter;
    private final int steps;

    private TrainingSession(TrainingSpec spec, LabelledImages train, LabelledImages val, TrainingListener listener,
                            int evalBatchSize) {
        this.spec = spec;
        this.train = train;
        this.val = val;
        this.listener = listener;
        this.evalBatchSize = evalBatchSize;
        this.imageShape = new Shape(1, train.channels(), train.height(), train.width());
        this.device = TrainingEngine.device(spec.device());
        this.block = Architectures.build(spec, train.channels(), train.height(), train.width(), train.numClasses());
        float[] weights = spec.classWeights() == ClassWeights.AUTO
                ? ClassWeightedCrossEntropy.balanced(train.classCounts()) : null;
        this.loss = new ClassWeightedCrossEntropy(train.numClasses(), weights);
        this.schedule = new EpochSchedule(spec);
        boolean adam = spec.optimizer() == OptimizerType.ADAM;
        float momentum = spec.optimizer() == OptimizerType.SGD ? (float) spec.momentum() : 0f;
        this.optimizer = ResumableOptimizer.builder(adam, momentum, schedule,
                        block.getParameters().values().stream().map(Parameter::getId).toList())
                .optWeightDecays((float) spec.weightDecay())
                .build();
        this.augmenter = spec.augmentation().enabled()
                ? new Augmenter(spec.augmentation(), train.channels(), train.height(), train.width()) : null;
        int n = train.size();
        int bs = spec.batchSize();
        // A last batch of a single image is dropped: batch norm cannot train on one value.
        this.steps = n / bs + (n % bs >= 2 ? 1 : 0);
    }

    /** Trains with the spec's thread count, restoring the previous one afterwards. */
    static TrainingResult run(TrainingSpec spec, LabelledImages train, LabelledImages val, TrainingListener listener,
                              Checkpoint resume, int evalBatchSize) {
        long t0 = System.nanoTime();
        Engine engine = TrainingEngine.engine();
        int previousThreads = TrainingEngine.threads();
        if (spec.threads() > 0) {
            TrainingEngine.setThreads(spec.threads());
        }
        try {
            return new TrainingSession(spec, train, val, listener, evalBatchSize).train(engine, resume, t0);
        } finally {
            if (spec.threads() > 0 && previousThreads > 0) {
                TrainingEngine.setThreads(previousThreads);
            }
        }
    }

    private TrainingResult train(Engine engine, Checkpoint resume, long t0) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer)
                .optDevices(new Device[] {device})
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        engine.setRandomSeed(Seeds.engineSeed(spec.seed(), 0));
        try (Model model = Model.newInstance("runvault-" + spec.architecture().externalName(), device,
                TrainingEngine.NAME)) {
            model.setBlock(block);
            NDManager manager = model.getNDManager();
            if (resume != null) {
                // Load before the DJL trainer exists: its parameter store keeps the arrays it first sees.
                block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
                block.initialize(manager, DataType.FLOAT32, imageShape);
                Parameters.load(block, manager, resume.parameters());
            }
            try (ai.djl.training.Trainer t = model.newTrainer(config)) {
                t.initialize(imageShape);
                if (resume != null && resume.optimizerState().length > 0) {
                    optimizer.importState(resume.optimizerState(), manager);
                }
                TrainingProgress progress = new TrainingProgress(spec, resume);
                long parameterCount = Parameters.count(block);
                double setup = seconds(t0);
                for (int epoch = progress.firstEpoch(); progress.goesOnTo(epoch); epoch++) {
                    epoch(epoch, engine, t, manager, progress);
                }
                return finish(progress, manager, parameterCount, setup, t0);
            }
        }
    }

    /** Trains one epoch, validates, and reports the metrics and a checkpoint to the listener. */
    private void epoch(int epoch, Engine engine, ai.djl.training.Trainer t, NDManager manager,
                       TrainingProgress progress) {
        long e0 = System.nanoTime();
        schedule.setEpoch(epoch);
        engine.setRandomSeed(Seeds.engineSeed(spec.seed(), epoch));
        int[] order = Seeds.permutation(train.size(), new SplittableRandom(Seeds.shuffleSeed(spec.seed(), epoch)));
        SplittableRandom augRandom = new SplittableRandom(Seeds.augmentationSeed(spec.seed(), epoch));
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        for (int s = 0; s < steps; s++) {
            if (listener.stopRequested()) {
                throw new TrainingStoppedException(epoch - 1);
            }
            StepOutcome outcome = step(t, manager, batch(order, s, augRandom));
            lossSum += outcome.loss() * outcome.size();
            correct += outcome.correct();
            seen += outcome.size();
            listener.onStep(epoch, s + 1, steps, outcome.loss());
        }
        Evaluation ev = BatchedEvaluation.run(t::evaluate, manager, val, evalBatchSize);
        EpochMetrics m = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen, ev.loss(), ev.accuracy(),
                ev.auc(), ev.macroF1(), schedule.rate(epoch), seconds(e0));
        byte[] current = Parameters.save(block);
        progress.record(m, current);
        listener.onEpoch(m);
        listener.onCheckpoint(progress.checkpoint(epoch, current, optimizer.exportState()));
    }

    /** The images of step {@code s} in shuffled {@code order}, augmented. */
    private Batch batch(int[] order, int s, SplittableRandom augRandom) {
        int size = train.imageSize();
        int from = s * spec.batchSize();
        int b = Math.min(spec.batchSize(), train.size() - from);
        float[] x = new float[b * size];
        long[] y = new long[b];
        for (int i = 0; i < b; i++) {
            int src = order[from + i];
            train.copyPixels(src, 1, x, i * size);
            y[i] = train.labels()[src];
            if (augmenter != null) {
                augmenter.apply(x, i * size, augRandom);
            }
        }
        return new Batch(x, y);
    }

    /** One forward pass, backward pass and optimizer update. */
    private StepOutcome step(ai.djl.training.Trainer t, NDManager manager, Batch batch) {
        int b = batch.labels().length;
        try (NDManager bm = manager.newSubManager()) {
            NDArray input = bm.create(batch.pixels(), new Shape(b, train.channels(), train.height(), train.width()));
            NDArray labels = bm.create(batch.labels());
            NDList prediction;
            double stepLoss;
            try (GradientCollector collector = t.newGradientCollector()) {
                prediction = t.forward(new NDList(input));
                NDArray l = loss.evaluate(new NDList(labels), prediction);
                collector.backward(l);
                stepLoss = l.getFloat();
            }
            t.step();
            long correct = prediction.singletonOrThrow().argMax(1).eq(labels).countNonzero().getLong();
            return new StepOutcome(stepLoss, correct, b);
        }
    }

    /** The best epoch's parameters, validated again in inference mode. */
    private TrainingResult finish(TrainingProgress progress, NDManager manager, long parameterCount, double setup,
                                  long t0) {
        byte[] best = progress.bestParameters();
        Parameters.load(block, manager, best);
        ParameterStore store = new ParameterStore(manager, false);
        Evaluation validation = BatchedEvaluation.run(
                in -> block.forward(store, in, false), manager, val, evalBatchSize);
        return new TrainingResult(spec, progress.history(), progress.bestEpoch(), progress.earlyStopped(),
                progress.resumedFrom(), validation, train.classNames(), parameterCount, best,
                new TrainingResult.Timings(setup, progress.epochSeconds(), seconds(t0)), device.toString());
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private record Batch(float[] pixels, long[] labels) {}

    private record StepOutcome(double loss, long correct, int size) {}
}
