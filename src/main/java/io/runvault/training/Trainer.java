package io.runvault.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.runvault.datasets.LabelledImages;
import java.util.concurrent.locks.ReentrantLock;

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

    /**
     * A trainer that evaluates in batches of 128 images: DJL keeps every intermediate array of a batch
     * until the batch ends, so 512 images of a small CNN held about 250 MB of activations at once.
     */
    public Trainer() {
        this(128);
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
        String architecture = spec.architecture().externalName();
        if (resumeFrom != null && !resumeFrom.architecture().equals(architecture)) {
            throw new IllegalArgumentException("checkpoint is for architecture '" + resumeFrom.architecture()
                    + "', the spec says '" + architecture + "'");
        }
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        ONE_AT_A_TIME.lock();
        try {
            return TrainingSession.run(spec, train, val, l, resumeFrom, evalBatchSize);
        } finally {
            ONE_AT_A_TIME.unlock();
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
                Parameters.load(block, manager, parameters);
                ParameterStore store = new ParameterStore(manager, false);
                return BatchedEvaluation.run(in -> block.forward(store, in, false), manager, data, evalBatchSize);
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
            return Parameters.count(block);
        }
    }
}
