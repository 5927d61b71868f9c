package io.runvault.jobs.evaluate;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What the evaluate, robustness and compare requests share: which runs' models are scored, on which
 * images, through which engine. The requests are records bound by {@link io.runvault.jobs.RequestBinder};
 * their constraints use the patterns and messages here, so the three kinds answer alike.
 */
public sealed interface EvaluationRequest permits EvaluateJobRequest, RobustnessJobRequest, CompareJobRequest {

    /** The dataset splits an evaluation reads ({@link EvaluationData#SPLITS}). */
    String SPLITS = "test|val|train";
    String SPLIT_MESSAGE = "is one of [test, val, train]";
    /** The engines a run's model is opened with ({@code RunModels.ENGINES}). */
    String ENGINES = "auto|onnx|djl";
    String ENGINE_MESSAGE = "is one of [auto, onnx, djl]";
    String EXPERIMENT_MESSAGE = "has 1-200 characters";
    String DATASET_MESSAGE = "is required (e.g. fashion-mnist)";
    String SAMPLES_MESSAGE = "is 0 (all) or positive";
    String RUN_MESSAGE = "is required (the id of the run whose model is evaluated)";
    long DEFAULT_SEED = 42;

    /** The registry facts a request is checked against at submit. */
    record Registry(Predicate<String> datasetKnown, BiFunction<String, String, Optional<String>> unusable) {
    }

    /** The images scored, the engine, the experiment and the seed. */
    EvaluationScope scope();

    default String experiment() {
        return scope().experiment();
    }

    default String dataset() {
        return scope().dataset();
    }

    default String split() {
        return scope().split();
    }

    default Integer samples() {
        return scope().samples();
    }

    default String engine() {
        return scope().engine();
    }

    default Long seed() {
        return scope().seed();
    }

    /** The runs whose models are scored, in the request's order. */
    List<String> runIds();

    /** Rules beyond the members' constraints that need no registry; adds a reason per problem. */
    default void checkMembers(List<String> errors) {
    }

    /**
     * Every check beyond the members' constraints: the request's own rules, the dataset is on this
     * appliance and each run's model can be opened with the engine asked for.
     */
    static void check(EvaluationRequest request, Registry registry, List<String> errors) {
        request.checkMembers(errors);
        String dataset = request.dataset();
        if (dataset != null && !registry.datasetKnown().test(dataset)) {
            errors.add("dataset '" + dataset + "' is not known");
        }
        if (request.engine().matches(ENGINES)) {
            for (String run : request.runIds()) {
                registry.unusable().apply(run, request.engine()).ifPresent(errors::add);
            }
        }
    }
}
