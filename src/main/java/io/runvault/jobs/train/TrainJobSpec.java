package io.runvault.jobs.train;

import io.runvault.training.DataSelection;
import io.runvault.training.InvalidTrainingSpecException;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A training job ready to run: which data, how much of it, the registered model and the typed
 * {@link TrainingSpec}. Made from a bound {@link TrainJobRequest} ({@link #of}); {@link #check} holds
 * the rules that need the registry.
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
        TrainingSpec training = null;
        try {
            training = config.parameters().toSpec();
        } catch (InvalidTrainingSpecException e) {
            // The members' constraints already name a broken rule, in their words; else these are new.
            if (errors.isEmpty()) {
                errors.addAll(e.errors());
            }
        }
        String dataset = config.data().dataset();
        if (dataset == null) {
            return;
        }
        int pool = registry.trainPool().applyAsInt(dataset);
        if (pool < 0) {
            errors.add("dataset '" + dataset + "' is not known");
            return;
        }
        if (training == null) {
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
}
