package io.runvault.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
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
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import io.runvault.datasets.LabelledImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Trains a {@link TrainingSpec} on in-memory {@link LabelledImages} with DJL's PyTorch engine, epoch by
 * epoch, and evaluates trained parameters.
 *
 * <p><b>Reproducibility.</b> On the CPU the same spec, seed and data give the same metrics and
 * parameters: weights are initialised after seeding the engine, each epoch reseeds PyTorch's
 * generator (dropout) and draws its shuffle order and augmentation from a generator derived from
 * (seed, epoch) alone, and the data pipeline is single-threaded Java. Because PyTorch's random
 * generator is process-wide, one training runs at a time in a JVM: concurrent calls to
 * {@link #train} wait for each other. GPU kernels are not guaranteed deterministic.
 *
 * <p><b>Resuming</b> from a {@link Checkpoint} continues at the epoch after it with its parameters,
 * optimizer state, history and best epoch; on the CPU the result equals the uninterrupted run's.
 */
public final class Trainer {

    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock(true);

    private final int evalBatchSize;

    /** A trainer that evaluates in batches of 512 images. */
    public Trainer() {
        this(512);
    }

    /** A trainer that evaluates in batches of {@code evalBatchSize} images. */
    public Trainer(int evalBatchSize) {
        if (evalBatchSize < 1) {
            throw new IllegalArgumentException("evalBatchSize must be positive");
        }
        this.evalBatchSize = evalBatchSize;
    }

    /** Trains from scratch. */
    public TrainingResult train(TrainingSpec spec, LabelledImages train, LabelledImages val, TrainingListener listener) {
        return train(spec, train, val, listener, null);
    }

    /**
     * Trains {@code spec} on {@code train}, validating on {@code val} after every epoch, from scratch or
     * (when {@code resumeFrom} is not null) from the epoch after the checkpoint's.
     *
     * @throws IllegalArgumentException when the spec is invalid for the data, the two sets differ in
     *     shape or classes, or the checkpoint is for another architecture
     * @throws TrainingStoppedException when the listener asked to stop
     */
    public TrainingResult train(
            TrainingSpec spec,
            LabelledImages train,
            LabelledImages val,
            TrainingListener listener,
            Checkpoint resumeFrom) {
        spec.requireValid(train);
        if (val.size() == 0) {
            throw new IllegalArgumentException("the validation data is empty");
        }
        if (val.channels() != train.channels() || val.height() != train.height() || val.width() != train.width()
                || !val.classNames().equals(train.classNames())) {
            throw new IllegalArgumentException("validation data (" + val + ") does not match the training data ("
                    + train + ") in image shape or classes");
        }
        if (resumeFrom != null && !resumeFrom.architecture().equals(spec.architecture())) {
            throw new IllegalArgumentException("checkpoint is for architecture '" + resumeFrom.architecture()
                    + "', the spec says '" + spec.architecture() + "'");
        }
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        ONE_AT_A_TIME.lock();
        try {
            return run(spec, train, val, l, resumeFrom);
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    private TrainingResult run(
            TrainingSpec spec, LabelledImages train, LabelledImages val, TrainingListener listener, Checkpoint resume) {
        long t0 = System.nanoTime();
        Engine engine = TrainingEngine.engine();
        int previousThreads = TrainingEngine.threads();
        if (spec.threads() > 0) {
            TrainingEngine.setThreads(spec.threads());
        }
        try {
            Device device = TrainingEngine.device(spec.device());
            int c = train.channels();
            int h = train.height();
            int w = train.width();
            int k = train.numClasses();
            Block block = Architectures.build(spec, c, h, w, k);
            float[] weights = "auto".equals(spec.classWeights())
                    ? ClassWeightedCrossEntropy.balanced(train.classCounts()) : null;
            ClassWeightedCrossEntropy loss = new ClassWeightedCrossEntropy(k, weights);
            EpochSchedule schedule = new EpochSchedule(spec);
            ResumableOptimizer optimizer = ResumableOptimizer.builder(
                            "adam".equals(spec.optimizer()), "sgd".equals(spec.optimizer()) ? (float) spec.momentum() : 0f,
                            schedule, block.getParameters().values().stream().map(Parameter::getId).toList())
                    .optWeightDecays((float) spec.weightDecay())
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {device})
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            engine.setRandomSeed(seedFor(spec.seed(), 0));
            try (Model model = Model.newInstance("runvault-" + spec.architecture(), device, TrainingEngine.NAME)) {
                model.setBlock(block);
                if (resume != null) {
                    // Load before the DJL trainer exists: its parameter store keeps the arrays it first sees.
                    block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
                    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, c, h, w));
                    loadParameters(block, model.getNDManager(), resume.parameters());
                }
                try (ai.djl.training.Trainer t = model.newTrainer(config)) {
                    t.initialize(new Shape(1, c, h, w));
                    List<EpochMetrics> history = new ArrayList<>();
                    int bestEpoch = 0;
                    byte[] bestParameters = null;
                    int start = 1;
                    if (resume != null) {
                        if (resume.optimizerState().length > 0) {
                            optimizer.importState(resume.optimizerState(), model.getNDManager());
                        }
                        history.addAll(resume.history());
                        bestEpoch = resume.bestEpoch();
                        bestParameters = resume.bestParameters();
                        start = resume.epoch() + 1;
                    }
                    long parameterCount = countParameters(block);
                    Augmenter augmenter = spec.augmentation().enabled()
                            ? new Augmenter(spec.augmentation(), c, h, w) : null;
                    int n = train.size();
                    int bs = spec.batchSize();
                    // A last batch of a single image is dropped: batch norm cannot train on one value.
                    int steps = n / bs + (n % bs >= 2 ? 1 : 0);
                    int size = train.imageSize();
                    double setup = seconds(t0);
                    List<Double> epochSeconds = new ArrayList<>();
                    boolean earlyStopped = resume != null && patienceRanOut(spec, bestEpoch, resume.epoch());
                    for (int epoch = start; epoch <= spec.epochs() && !earlyStopped; epoch++) {
                        long e0 = System.nanoTime();
                        schedule.setEpoch(epoch);
                        engine.setRandomSeed(seedFor(spec.seed(), epoch));
                        long epochSeed = mix(spec.seed(), epoch);
                        int[] order = permutation(n, new SplittableRandom(epochSeed));
                        SplittableRandom augRandom = new SplittableRandom(mix(epochSeed, 0xA11));
                        double lossSum = 0;
                        long correct = 0;
                        long seen = 0;
                        for (int s = 0; s < steps; s++) {
                            if (listener.stopRequested()) {
                                throw new TrainingStoppedException(epoch - 1);
                            }
                            int from = s * bs;
                            int b = Math.min(bs, n - from);
                            float[] x = new float[b * size];
                            long[] y = new long[b];
                            for (int i = 0; i < b; i++) {
                                int src = order[from + i];
                                System.arraycopy(train.pixels(), src * size, x, i * size, size);
                                y[i] = train.labels()[src];
                                if (augmenter != null) {
                                    augmenter.apply(x, i * size, augRandom);
                                }
                            }
                            double stepLoss;
                            try (NDManager bm = model.getNDManager().newSubManager()) {
                                NDArray input = bm.create(x, new Shape(b, c, h, w));
                                NDArray labels = bm.create(y);
                                NDList prediction;
                                try (GradientCollector collector = t.newGradientCollector()) {
                                    prediction = t.forward(new NDList(input));
                                    NDArray l = loss.evaluate(new NDList(labels), prediction);
                                    collector.backward(l);
                                    stepLoss = l.getFloat();
                                }
                                t.step();
                                correct += prediction.singletonOrThrow().argMax(1).eq(labels).countNonzero().getLong();
                            }
                            lossSum += stepLoss * b;
                            seen += b;
                            listener.onStep(epoch, s + 1, steps, stepLoss);
                        }
                        Evaluation ev = evaluate(t::evaluate, model.getNDManager(), val, evalBatchSize);
                        double secs = seconds(e0);
                        EpochMetrics m = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen, ev.loss(),
                                ev.accuracy(), ev.auc(), ev.macroF1(), schedule.rate(epoch), secs);
                        history.add(m);
                        epochSeconds.add(secs);
                        byte[] current = saveParameters(block);
                        if (bestEpoch == 0 || score(m, spec) > score(history.get(bestEpoch - 1), spec)) {
                            bestEpoch = epoch;
                            bestParameters = current;
                        }
                        listener.onEpoch(m);
                        listener.onCheckpoint(new Checkpoint(spec.architecture(), epoch, current,
                                optimizer.exportState(), bestEpoch, bestParameters, history));
                        earlyStopped = epoch < spec.epochs() && patienceRanOut(spec, bestEpoch, epoch);
                    }
                    if (bestParameters == null) {
                        throw new IllegalStateException("no epoch was trained");
                    }
                    loadParameters(block, model.getNDManager(), bestParameters);
                    ParameterStore store = new ParameterStore(model.getNDManager(), false);
                    Evaluation validation = evaluate(
                            in -> block.forward(store, in, false), model.getNDManager(), val, evalBatchSize);
                    return new TrainingResult(spec, List.copyOf(history), bestEpoch, earlyStopped,
                            resume == null ? 0 : resume.epoch(), validation, train.classNames(), parameterCount,
                            bestParameters, new TrainingResult.Timings(setup, List.copyOf(epochSeconds), seconds(t0)),
                            device.toString());
                }
            }
        } finally {
            if (spec.threads() > 0 && previousThreads > 0) {
                TrainingEngine.setThreads(previousThreads);
            }
        }
    }

    /**
     * Evaluates parameters saved by a training of {@code spec} (for instance
     * {@link TrainingResult#bestParameters()} or a checkpoint's) on {@code data}.
     */
    public Evaluation evaluate(TrainingSpec spec, byte[] parameters, LabelledImages data) {
        ONE_AT_A_TIME.lock();
        try {
            Device device = TrainingEngine.device(spec.device());
            Block block = Architectures.build(spec, data.channels(), data.height(), data.width(), data.numClasses());
            block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            try (NDManager manager = NDManager.newBaseManager(device, TrainingEngine.NAME)) {
                block.initialize(manager, DataType.FLOAT32, new Shape(1, data.channels(), data.height(), data.width()));
                loadParameters(block, manager, parameters);
                ParameterStore store = new ParameterStore(manager, false);
                return evaluate(in -> block.forward(store, in, false), manager, data, evalBatchSize);
            }
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    /** Trainable parameters of {@code spec}'s network on images of {@code c x h x w} and {@code classes} classes. */
    public static long parameterCount(TrainingSpec spec, int c, int h, int w, int classes) {
        Block block = Architectures.build(spec, c, h, w, classes);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TrainingEngine.NAME)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, c, h, w));
            return countParameters(block);
        }
    }

    private static Evaluation evaluate(
            UnaryOperator<NDList> forward, NDManager parent, LabelledImages data, int batchSize) {
        int n = data.size();
        int size = data.imageSize();
        int k = data.numClasses();
        float[][] probabilities = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int b = Math.min(batchSize, n - from);
            try (NDManager bm = parent.newSubManager()) {
                NDArray x = bm.create(Arrays.copyOfRange(data.pixels(), from * size, (from + b) * size),
                        new Shape(b, data.channels(), data.height(), data.width()));
                float[] flat = forward.apply(new NDList(x)).singletonOrThrow().softmax(1).toFloatArray();
                for (int i = 0; i < b; i++) {
                    probabilities[from + i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
                }
            }
        }
        return Evaluation.of(probabilities, data.labels(), data.classNames());
    }

    private static boolean patienceRanOut(TrainingSpec spec, int bestEpoch, int epoch) {
        return spec.patience() > 0 && epoch - bestEpoch >= spec.patience();
    }

    private static double score(EpochMetrics m, TrainingSpec spec) {
        double v = m.metric(spec.selectionMetric());
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    static long countParameters(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient() && p.isInitialized()) {
                n += p.getArray().size();
            }
        }
        return n;
    }

    static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void loadParameters(Block block, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("parameters do not fit the " + block.getClass().getSimpleName()
                    + " network: " + e.getMessage(), e);
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** SplitMix64 finaliser over (a, b): well-spread, fixed seeds for each (seed, epoch) pair. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int seedFor(long seed, int epoch) {
        return (int) (mix(seed, 1_000_003L * epoch + 17) & 0x7fffffff);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
