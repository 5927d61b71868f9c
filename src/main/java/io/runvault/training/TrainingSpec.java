package io.runvault.training;

import io.runvault.datasets.LabelledImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything that determines a training run besides the data. Names are lower-case strings, as users
 * write them in configs and job parameters; {@link #validate()} says what is wrong in words.
 *
 * @param architecture {@code mlp}, {@code minicnn} or {@code resnet}
 * @param depth ResNet depth: for images up to 28 pixels high 6n+2 (8, 14, 20, 32, 44, 56, 110) or
 *     9n+2 from 164; for larger images 18, 34, 50, 101, 152, 200 or 269. Ignored by the others.
 * @param epochs number of epochs (>= 1)
 * @param batchSize images per training step
 * @param optimizer {@code adam} or {@code sgd}
 * @param momentum SGD momentum in [0, 1) (ignored by Adam)
 * @param learningRate initial learning rate
 * @param schedule {@code none}, {@code cosine} (to 0 over the epochs) or {@code step} (times
 *     {@code stepGamma} every {@code stepSize} epochs); the rate changes once per epoch
 * @param stepSize epochs between decays for the step schedule
 * @param stepGamma decay factor for the step schedule
 * @param weightDecay L2 weight decay (>= 0)
 * @param seed seeds weight initialisation, shuffling, augmentation and dropout
 * @param augmentation training-time augmentation
 * @param classWeights {@code none}, or {@code auto}: loss weights n / (k * count) per class (k: classes
 *     present), the loss normalised by the batch's total weight like PyTorch's weighted cross-entropy
 * @param patience early stopping: stop after this many epochs without a better selection metric
 *     (0 = never stop early)
 * @param selectionMetric the metric that picks the best epoch: {@code val_auc}, {@code val_accuracy}
 *     or {@code val_macro_f1}
 * @param device {@code auto} (a GPU when one is visible), {@code cpu} or {@code gpu}
 * @param threads PyTorch intra-op threads for this run (0 = leave as configured)
 */
public record TrainingSpec(
        String architecture,
        int depth,
        int epochs,
        int batchSize,
        String optimizer,
        double momentum,
        double learningRate,
        String schedule,
        int stepSize,
        double stepGamma,
        double weightDecay,
        long seed,
        Augmentation augmentation,
        String classWeights,
        int patience,
        String selectionMetric,
        String device,
        int threads) {

    public static final Set<String> ARCHITECTURES = Set.of("mlp", "minicnn", "resnet");
    public static final Set<String> OPTIMIZERS = Set.of("adam", "sgd");
    public static final Set<String> SCHEDULES = Set.of("none", "cosine", "step");
    public static final Set<String> CLASS_WEIGHTS = Set.of("none", "auto");
    public static final Set<String> SELECTION_METRICS = Set.of("val_auc", "val_accuracy", "val_macro_f1");
    public static final Set<String> DEVICES = Set.of("auto", "cpu", "gpu");

    public TrainingSpec {
        architecture = norm(architecture);
        optimizer = norm(optimizer);
        schedule = norm(schedule);
        classWeights = norm(classWeights);
        selectionMetric = norm(selectionMetric);
        device = norm(device);
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
    }

    private static String norm(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** A builder with the defaults: minicnn, 10 epochs, batch 64, Adam 1e-3, no schedule, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Errors that do not depend on the data; empty when the spec is usable. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (architecture == null || !ARCHITECTURES.contains(architecture)) {
            errors.add("unknown architecture '" + architecture + "'; expected one of " + sorted(ARCHITECTURES));
        }
        if (epochs < 1) {
            errors.add("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            errors.add("batchSize must be at least 1, got " + batchSize);
        }
        if (optimizer == null || !OPTIMIZERS.contains(optimizer)) {
            errors.add("unknown optimizer '" + optimizer + "'; expected one of " + sorted(OPTIMIZERS));
        }
        if (!(momentum >= 0 && momentum < 1)) {
            errors.add("momentum must be in [0, 1), got " + momentum);
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            errors.add("learningRate must be greater than 0 (and at most 10), got " + learningRate);
        }
        if (schedule == null || !SCHEDULES.contains(schedule)) {
            errors.add("unknown schedule '" + schedule + "'; expected one of " + sorted(SCHEDULES));
        }
        if ("step".equals(schedule)) {
            if (stepSize < 1) {
                errors.add("stepSize must be at least 1 epoch for the step schedule, got " + stepSize);
            }
            if (!(stepGamma > 0 && stepGamma <= 1)) {
                errors.add("stepGamma must be in (0, 1] for the step schedule, got " + stepGamma);
            }
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            errors.add("weightDecay must be in [0, 1), got " + weightDecay);
        }
        errors.addAll(augmentation.validate());
        if (classWeights == null || !CLASS_WEIGHTS.contains(classWeights)) {
            errors.add("unknown classWeights '" + classWeights + "'; expected one of " + sorted(CLASS_WEIGHTS));
        }
        if (patience < 0) {
            errors.add("patience must be >= 0 (0 disables early stopping), got " + patience);
        }
        if (selectionMetric == null || !SELECTION_METRICS.contains(selectionMetric)) {
            errors.add("unknown selectionMetric '" + selectionMetric + "'; expected one of "
                    + sorted(SELECTION_METRICS));
        }
        if (device == null || !DEVICES.contains(device)) {
            errors.add("unknown device '" + device + "'; expected one of " + sorted(DEVICES));
        }
        if (threads < 0 || threads > 1024) {
            errors.add("threads must be between 0 (default) and 1024, got " + threads);
        }
        return errors;
    }

    /** {@link #validate()} plus the errors that depend on the training data. */
    public List<String> validate(LabelledImages train) {
        List<String> errors = validate();
        if (train.size() == 0) {
            errors.add("the training data is empty");
        } else if (batchSize > train.size()) {
            errors.add("batchSize " + batchSize + " is larger than the training data (" + train.size()
                    + " images)");
        }
        if (train.numClasses() < 2) {
            errors.add("at least two classes are needed, the data has " + train.numClasses());
        }
        if ("resnet".equals(architecture)) {
            String problem = Architectures.resnetDepthProblem(depth, train.height());
            if (problem != null) {
                errors.add(problem);
            }
        }
        if ("minicnn".equals(architecture) && (train.height() < 8 || train.width() < 8)) {
            errors.add("minicnn needs images of at least 8x8 pixels, got " + train.height() + "x" + train.width());
        }
        return errors;
    }

    /** Throws {@link IllegalArgumentException} listing every error, if there is any. */
    public TrainingSpec requireValid(LabelledImages train) {
        List<String> errors = validate(train);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid training spec: " + String.join("; ", errors));
        }
        return this;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    /** Builder for {@link TrainingSpec}. */
    public static final class Builder {
        private String architecture = "minicnn";
        private int depth = 20;
        private int epochs = 10;
        private int batchSize = 64;
        private String optimizer = "adam";
        private double momentum = 0.9;
        private double learningRate = 1e-3;
        private String schedule = "none";
        private int stepSize = 10;
        private double stepGamma = 0.1;
        private double weightDecay = 0;
        private long seed = 42;
        private Augmentation augmentation = Augmentation.NONE;
        private String classWeights = "none";
        private int patience = 0;
        private String selectionMetric = "val_auc";
        private String device = "auto";
        private int threads = 0;

        Builder() {}

        Builder(TrainingSpec s) {
            architecture = s.architecture;
            depth = s.depth;
            epochs = s.epochs;
            batchSize = s.batchSize;
            optimizer = s.optimizer;
            momentum = s.momentum;
            learningRate = s.learningRate;
            schedule = s.schedule;
            stepSize = s.stepSize;
            stepGamma = s.stepGamma;
            weightDecay = s.weightDecay;
            seed = s.seed;
            augmentation = s.augmentation;
            classWeights = s.classWeights;
            patience = s.patience;
            selectionMetric = s.selectionMetric;
            device = s.device;
            threads = s.threads;
        }

        public Builder architecture(String v) { architecture = v; return this; }
        public Builder depth(int v) { depth = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder momentum(double v) { momentum = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder stepSize(int v) { stepSize = v; return this; }
        public Builder stepGamma(double v) { stepGamma = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder augmentation(Augmentation v) { augmentation = v; return this; }
        public Builder classWeights(String v) { classWeights = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder selectionMetric(String v) { selectionMetric = v; return this; }
        public Builder device(String v) { device = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        public TrainingSpec build() {
            return new TrainingSpec(architecture, depth, epochs, batchSize, optimizer, momentum, learningRate,
                    schedule, stepSize, stepGamma, weightDecay, seed, augmentation, classWeights, patience,
                    selectionMetric, device, threads);
        }
    }
}
