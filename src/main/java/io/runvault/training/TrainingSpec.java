package io.runvault.training;

import io.runvault.datasets.LabelledImages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything that determines a training run besides the data. A spec that exists is valid: the
 * constructor checks every rule that does not depend on the data and throws an
 * {@link InvalidTrainingSpecException} naming all that are broken. The {@link Builder} takes the
 * choices by the lower-case names users write in configs and job specs.
 *
 * @param architecture the network
 * @param depth ResNet depth: for images up to 28 pixels high 6n+2 (8, 14, 20, 32, 44, 56, 110) or
 *     9n+2 from 164; for larger images 18, 34, 50, 101, 152, 200 or 269. Ignored by the others.
 * @param epochs number of epochs (>= 1)
 * @param batchSize images per training step (>= 1)
 * @param optimizer Adam or SGD
 * @param momentum SGD momentum in [0, 1) (ignored by Adam)
 * @param learningRate initial learning rate, in (0, 10]
 * @param schedule {@code none}, {@code cosine} (to 0 over the epochs) or {@code step} (times
 *     {@code stepGamma} every {@code stepSize} epochs); the rate changes once per epoch
 * @param stepSize epochs between decays for the step schedule (>= 1 there)
 * @param stepGamma decay factor for the step schedule, in (0, 1] there
 * @param weightDecay L2 weight decay, in [0, 1)
 * @param seed seeds weight initialisation, shuffling, augmentation and dropout
 * @param augmentation training-time augmentation (null: none)
 * @param classWeights {@code none}, or {@code auto}: loss weights n / (k * count) per class (k: classes
 *     present), the loss normalised by the batch's total weight like PyTorch's weighted cross-entropy
 * @param patience early stopping: stop after this many epochs without a better selection metric
 *     (0 = never stop early)
 * @param selectionMetric the metric that picks the best epoch
 * @param device {@code auto} (a GPU when one is visible), {@code cpu} or {@code gpu}
 * @param threads PyTorch intra-op threads for this run (0 = leave as configured), at most 1024
 */
public record TrainingSpec(
        Architecture architecture,
        int depth,
        int epochs,
        int batchSize,
        OptimizerType optimizer,
        double momentum,
        double learningRate,
        ScheduleType schedule,
        int stepSize,
        double stepGamma,
        double weightDecay,
        long seed,
        Augmentation augmentation,
        ClassWeights classWeights,
        int patience,
        SelectionMetric selectionMetric,
        DeviceChoice device,
        int threads) {

    public TrainingSpec {
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        List<String> errors = new Builder(architecture, depth, epochs, batchSize, optimizer, momentum, learningRate,
                schedule, stepSize, stepGamma, weightDecay, seed, augmentation, classWeights, patience,
                selectionMetric, device, threads).problems();
        if (!errors.isEmpty()) {
            throw new InvalidTrainingSpecException(errors);
        }
    }

    /** A builder with the defaults: minicnn, 10 epochs, batch 64, Adam 1e-3, no schedule, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder(architecture, depth, epochs, batchSize, optimizer, momentum, learningRate, schedule,
                stepSize, stepGamma, weightDecay, seed, augmentation, classWeights, patience, selectionMetric, device,
                threads);
    }

    /** The errors of this (valid) spec on {@code train}: empty data, too few classes, an unfit network. */
    public List<String> validate(LabelledImages train) {
        List<String> errors = new ArrayList<>();
        if (train.size() == 0) {
            errors.add("the training data is empty");
        } else if (batchSize > train.size()) {
            errors.add("batchSize " + batchSize + " is larger than the training data (" + train.size()
                    + " images)");
        }
        if (train.numClasses() < 2) {
            errors.add("at least two classes are needed, the data has " + train.numClasses());
        }
        if (architecture == Architecture.RESNET) {
            String problem = Architectures.resnetDepthProblem(depth, train.height());
            if (problem != null) {
                errors.add(problem);
            }
        }
        if (architecture == Architecture.MINICNN && (train.height() < 8 || train.width() < 8)) {
            errors.add("minicnn needs images of at least 8x8 pixels, got " + train.height() + "x" + train.width());
        }
        return errors;
    }

    /** Throws an {@link InvalidTrainingSpecException} listing every error on {@code train}, if there is any. */
    public TrainingSpec requireValid(LabelledImages train) {
        List<String> errors = validate(train);
        if (!errors.isEmpty()) {
            throw new InvalidTrainingSpecException(errors);
        }
        return this;
    }

    /**
     * Builder for {@link TrainingSpec}; the choices may be given by name (any case, blanks ignored).
     * {@link #build()} throws an {@link InvalidTrainingSpecException} with every broken rule.
     */
    public static final class Builder {
        private String architecture = Architecture.MINICNN.externalName();
        private int depth = 20;
        private int epochs = 10;
        private int batchSize = 64;
        private String optimizer = OptimizerType.ADAM.externalName();
        private double momentum = 0.9;
        private double learningRate = 1e-3;
        private String schedule = ScheduleType.NONE.externalName();
        private int stepSize = 10;
        private double stepGamma = 0.1;
        private double weightDecay = 0;
        private long seed = 42;
        private Augmentation augmentation = Augmentation.NONE;
        private String classWeights = ClassWeights.NONE.externalName();
        private int patience = 0;
        private String selectionMetric = SelectionMetric.VAL_AUC.externalName();
        private String device = DeviceChoice.AUTO.externalName();
        private int threads = 0;

        Builder() {}

        private Builder(Architecture architecture, int depth, int epochs, int batchSize, OptimizerType optimizer,
                        double momentum, double learningRate, ScheduleType schedule, int stepSize, double stepGamma,
                        double weightDecay, long seed, Augmentation augmentation, ClassWeights classWeights,
                        int patience, SelectionMetric selectionMetric, DeviceChoice device, int threads) {
            architecture(architecture).depth(depth).epochs(epochs).batchSize(batchSize).optimizer(optimizer)
                    .momentum(momentum).learningRate(learningRate).schedule(schedule).stepSize(stepSize)
                    .stepGamma(stepGamma).weightDecay(weightDecay).seed(seed).augmentation(augmentation)
                    .classWeights(classWeights).patience(patience).selectionMetric(selectionMetric).device(device)
                    .threads(threads);
        }

        public Builder architecture(String v) { architecture = v; return this; }
        public Builder architecture(Architecture v) { architecture = name(v); return this; }
        public Builder depth(int v) { depth = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder optimizer(OptimizerType v) { optimizer = name(v); return this; }
        public Builder momentum(double v) { momentum = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder schedule(ScheduleType v) { schedule = name(v); return this; }
        public Builder stepSize(int v) { stepSize = v; return this; }
        public Builder stepGamma(double v) { stepGamma = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder augmentation(Augmentation v) { augmentation = v; return this; }
        public Builder classWeights(String v) { classWeights = v; return this; }
        public Builder classWeights(ClassWeights v) { classWeights = name(v); return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder selectionMetric(String v) { selectionMetric = v; return this; }
        public Builder selectionMetric(SelectionMetric v) { selectionMetric = name(v); return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder device(DeviceChoice v) { device = name(v); return this; }
        public Builder threads(int v) { threads = v; return this; }

        public TrainingSpec build() {
            List<String> errors = problems();
            if (!errors.isEmpty()) {
                throw new InvalidTrainingSpecException(errors);
            }
            return new TrainingSpec(NamedChoice.parse(Architecture.class, "architecture", architecture), depth, epochs,
                    batchSize, NamedChoice.parse(OptimizerType.class, "optimizer", optimizer), momentum, learningRate,
                    NamedChoice.parse(ScheduleType.class, "schedule", schedule), stepSize, stepGamma, weightDecay, seed,
                    augmentation, NamedChoice.parse(ClassWeights.class, "classWeights", classWeights), patience,
                    NamedChoice.parse(SelectionMetric.class, "selectionMetric", selectionMetric),
                    NamedChoice.parse(DeviceChoice.class, "device", device), threads);
        }

        /** Every rule the fields break, in field order; the one place the rules are written. */
        List<String> problems() {
            List<String> errors = new ArrayList<>();
            choice(errors, Architecture.class, "architecture", architecture);
            check(errors, epochs >= 1, () -> "epochs must be at least 1, got " + epochs);
            check(errors, batchSize >= 1, () -> "batchSize must be at least 1, got " + batchSize);
            choice(errors, OptimizerType.class, "optimizer", optimizer);
            check(errors, momentum >= 0 && momentum < 1, () -> "momentum must be in [0, 1), got " + momentum);
            check(errors, learningRate > 0 && learningRate <= 10,
                    () -> "learningRate must be greater than 0 (and at most 10), got " + learningRate);
            ScheduleType scheduleType = choice(errors, ScheduleType.class, "schedule", schedule);
            if (scheduleType == ScheduleType.STEP) {
                check(errors, stepSize >= 1,
                        () -> "stepSize must be at least 1 epoch for the step schedule, got " + stepSize);
                check(errors, stepGamma > 0 && stepGamma <= 1,
                        () -> "stepGamma must be in (0, 1] for the step schedule, got " + stepGamma);
            }
            check(errors, weightDecay >= 0 && weightDecay < 1,
                    () -> "weightDecay must be in [0, 1), got " + weightDecay);
            errors.addAll((augmentation == null ? Augmentation.NONE : augmentation).validate());
            choice(errors, ClassWeights.class, "classWeights", classWeights);
            check(errors, patience >= 0, () -> "patience must be >= 0 (0 disables early stopping), got " + patience);
            choice(errors, SelectionMetric.class, "selectionMetric", selectionMetric);
            choice(errors, DeviceChoice.class, "device", device);
            check(errors, threads >= 0 && threads <= 1024,
                    () -> "threads must be between 0 (default) and 1024, got " + threads);
            return errors;
        }

        private static void check(List<String> errors, boolean holds, Supplier<String> message) {
            if (!holds) {
                errors.add(message.get());
            }
        }

        /** The parsed choice, or null after adding why {@code name} is not one. */
        private static <E extends Enum<E> & NamedChoice> E choice(List<String> errors, Class<E> type, String field,
                                                                  String name) {
            try {
                return NamedChoice.parse(type, field, name);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
                return null;
            }
        }

        private static String name(NamedChoice choice) {
            return choice == null ? null : choice.externalName();
        }
    }
}
