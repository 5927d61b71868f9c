package io.runvault.jobs.train;

import io.runvault.jobs.SpecReader;
import io.runvault.training.Augmentation;
import io.runvault.training.DataSelection;
import io.runvault.training.InvalidTrainingSpecException;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingSpec;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A training job ready to run: which data, how much of it, the registered model and the typed
 * {@link TrainingSpec}. Made from a bound {@link TrainJobRequest} ({@link #of}); {@link #check} holds
 * the rules that need the registry. The tune kind still reads trial configurations member by member
 * ({@link #parseMembers}).
 */
public record TrainJobSpec(
        String experiment,
        String dataset,
        int trainSamples,
        int testSamples,
        double valFraction,
        Map<String, String> tags,
        String model,
        TrainingSpec training) {

    private static final Set<String> AUGMENTATION_KEYS = Set.of("flip", "translate", "rotation", "noise");
    /** The members a training spec may have (cross-validation and tuning specs accept them too). */
    public static final Set<String> KEYS = Set.of("kind", "experiment", "dataset", "trainSamples", "testSamples",
            "valFraction", "tags", "model", "architecture", "depth", "epochs", "batchSize", "optimizer", "momentum",
            "learningRate", "schedule", "stepSize", "stepGamma", "weightDecay", "seed", "augmentation",
            "classWeights", "patience", "selectionMetric", "device", "threads");

    /** The registry facts a training configuration is checked against at submit. */
    public record Registry(ToIntFunction<String> trainPool, BiFunction<String, String, Optional<String>> unsuitable,
                           Predicate<String> modelExists) {
    }

    /** The spec of a bound (valid) configuration. */
    public static TrainJobSpec of(TrainingConfig config, String model) {
        DataSelection data = config.data();
        return new TrainJobSpec(data.experiment(), data.dataset(), data.trainSamples(), data.testSamples(),
                config.valFraction(), data.tags(), model, config.parameters().toSpec());
    }

    /**
     * The checks of a training configuration beyond its members' constraints, adding a reason per
     * problem: the named choices and schedule rules of the training parameters, the dataset is known
     * and suits the architecture, a batch fits in the training split.
     */
    public static void check(TrainingConfig config, Registry registry, List<String> errors) {
        TrainingSpec training;
        try {
            training = config.parameters().toSpec();
        } catch (InvalidTrainingSpecException e) {
            errors.addAll(e.errors());
            return;
        }
        String dataset = config.data().dataset();
        int pool = registry.trainPool().applyAsInt(dataset);
        if (pool < 0) {
            errors.add("dataset '" + dataset + "' is not known");
            return;
        }
        registry.unsuitable().apply(dataset, training.architecture().externalName()).ifPresent(errors::add);
        int trainSamples = config.data().trainSamples();
        int available = trainSamples > 0 ? Math.min(trainSamples, pool) : pool;
        int trainCount = available - (int) Math.ceil(available * config.valFraction());
        if (training.batchSize() > trainCount) {
            errors.add("batchSize " + training.batchSize() + " is larger than the training data ("
                    + trainCount + " images after the validation split)");
        }
    }

    /** A model named in a request must be registered. */
    public static void checkModel(String model, Registry registry, List<String> errors) {
        if (model != null && !registry.modelExists().test(model)) {
            errors.add("model '" + model + "' is not a registered model (create it first: POST /api/v1/models)");
        }
    }

    /**
     * Checks the members of a spec (the tune kind passes its base configuration, possibly with a
     * trial's overrides), adding every problem to {@code errors}; the spec, or null when there were
     * problems.
     */
    public static TrainJobSpec parseMembers(JsonObject json, List<String> errors,
                                            ToIntFunction<String> trainPool,
                                            BiFunction<String, String, Optional<String>> unsuitable,
                                            Predicate<String> modelExists) {
        int before = errors.size();
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            errors.add("unknown members " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        SpecReader fields = new SpecReader(json, errors);
        String kind = fields.string("kind", "train");
        if (!kind.equals("train")) {
            errors.add("kind '" + kind + "' is not known (train)");
        }
        String experiment = fields.string("experiment", "default");
        if (experiment.isBlank() || experiment.length() > 200) {
            errors.add("experiment has 1-200 characters");
        }
        String dataset = fields.string("dataset", null);
        if (dataset == null) {
            errors.add("dataset is required (e.g. fashion-mnist)");
        }
        int trainSamples = fields.integer("trainSamples", 0);
        int testSamples = fields.integer("testSamples", 0);
        double valFraction = fields.number("valFraction", 0.1);
        if (trainSamples < 0 || testSamples < 0) {
            errors.add("trainSamples and testSamples are 0 (all) or positive");
        }
        if (!(valFraction > 0 && valFraction < 0.5)) {
            errors.add("valFraction is between 0 and 0.5 (exclusive), got " + valFraction);
        }
        Map<String, String> tags = tags(json.get("tags"), errors);

        String model = fields.string("model", null);
        if (model != null && !modelExists.test(model)) {
            errors.add("model '" + model + "' is not a registered model (create it first: POST /api/v1/models)");
        }

        TrainingSpec training = training(json, fields, errors);
        if (training != null && dataset != null) {
            int pool = trainPool.applyAsInt(dataset);
            if (pool < 0) {
                errors.add("dataset '" + dataset + "' is not known");
            } else {
                unsuitable.apply(dataset, training.architecture().externalName()).ifPresent(errors::add);
                int available = trainSamples > 0 ? Math.min(trainSamples, pool) : pool;
                int trainCount = available - (int) Math.ceil(available * valFraction);
                if (training.batchSize() > trainCount) {
                    errors.add("batchSize " + training.batchSize() + " is larger than the training data ("
                            + trainCount + " images after the validation split)");
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new TrainJobSpec(experiment, dataset, trainSamples, testSamples, valFraction, tags, model, training);
    }

    private static Map<String, String> tags(JsonValue tagValue, List<String> errors) {
        Map<String, String> tags = new TreeMap<>();
        if (tagValue != null && tagValue.getValueType() == JsonValue.ValueType.OBJECT) {
            tagValue.asJsonObject().forEach((key, value) -> {
                if (value instanceof JsonString s) {
                    tags.put(key, s.getString());
                } else {
                    errors.add("tags." + key + " is a string");
                }
            });
        } else if (tagValue != null) {
            errors.add("tags is an object of strings");
        }
        return tags;
    }

    /** The training members as a {@link TrainingSpec}, or null (with the reasons in {@code errors}). */
    private static TrainingSpec training(JsonObject json, SpecReader fields, List<String> errors) {
        TrainingSpec.Builder builder = TrainingSpec.builder();
        fields.stringTo("architecture", builder::architecture);
        fields.integerTo("depth", builder::depth);
        fields.integerTo("epochs", builder::epochs);
        fields.integerTo("batchSize", builder::batchSize);
        fields.stringTo("optimizer", builder::optimizer);
        fields.numberTo("momentum", builder::momentum);
        fields.numberTo("learningRate", builder::learningRate);
        fields.stringTo("schedule", builder::schedule);
        fields.integerTo("stepSize", builder::stepSize);
        fields.numberTo("stepGamma", builder::stepGamma);
        fields.numberTo("weightDecay", builder::weightDecay);
        if (json.containsKey("seed")) {
            fields.integerTo("seed", seed -> builder.seed(seed));
        }
        fields.stringTo("classWeights", builder::classWeights);
        fields.integerTo("patience", builder::patience);
        fields.stringTo("selectionMetric", builder::selectionMetric);
        fields.stringTo("device", builder::device);
        fields.integerTo("threads", builder::threads);
        JsonValue augmentation = json.get("augmentation");
        if (augmentation != null) {
            if (augmentation.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add("augmentation is an object with flip, translate, rotation, noise");
            } else {
                JsonObject a = augmentation.asJsonObject();
                Set<String> unknownAug = new TreeSet<>(a.keySet());
                unknownAug.removeAll(AUGMENTATION_KEYS);
                if (!unknownAug.isEmpty()) {
                    errors.add("augmentation: unknown members " + unknownAug + " (known: " + new TreeSet<>(AUGMENTATION_KEYS) + ")");
                }
                SpecReader af = new SpecReader(a, errors);
                builder.augmentation(new Augmentation(af.bool("flip", false), af.integer("translate", 0),
                        af.number("rotation", 0), af.number("noise", 0)));
            }
        }
        TrainingSpec training = null;
        try {
            training = builder.build();
        } catch (io.runvault.training.InvalidTrainingSpecException e) {
            errors.addAll(e.errors());
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.add(e.getMessage());
        }
        return training;
    }
}
