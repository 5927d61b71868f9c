package io.runvault.jobs.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.json.Json;
import io.runvault.studies.CategoricalDistribution;
import io.runvault.studies.Direction;
import io.runvault.studies.Distribution;
import io.runvault.studies.FieldError;
import io.runvault.studies.FloatDistribution;
import io.runvault.studies.GridSampler;
import io.runvault.studies.IntDistribution;
import io.runvault.studies.MedianPruner;
import io.runvault.studies.Objective;
import io.runvault.studies.Pruner;
import io.runvault.studies.RandomSampler;
import io.runvault.studies.Sampler;
import io.runvault.studies.SearchSpace;
import io.runvault.studies.StudySpecException;
import io.runvault.studies.SuccessiveHalvingPruner;
import io.runvault.studies.TpeSampler;
import io.runvault.training.InvalidTrainingSpecException;
import io.runvault.training.TrainingConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tuning job (an Optuna-style study) ready to run, made from a bound {@link TuneJobRequest}: the
 * base training configuration, what to vary ({@code searchSpace}), what to optimise ({@code objective})
 * and how ({@code trials}, {@code concurrency}, {@code sampler}, {@code pruner}). The training
 * {@code seed} seeds the sampler too.
 *
 * @param base the base training configuration (without {@code model}: only the final model registers)
 * @param baseConfig the base configuration as requested, to which a trial's parameters are applied
 */
public record TuneJobSpec(
        TrainJobSpec base,
        TrainingConfig baseConfig,
        SearchSpace space,
        String searchSpaceJson,
        Objective objective,
        int trials,
        int concurrency,
        String sampler,
        String pruner,
        long seed,
        String model,
        String studyName) {

    public static final String KIND = "tune";
    public static final int MAX_TRIALS = 500;
    public static final Set<String> SAMPLERS = Set.of("tpe", "random", "grid");
    public static final Set<String> PRUNERS = Set.of("none", "median", "halving");

    /** The training fields a search space may vary. */
    public static final Set<String> TUNABLE = Set.of("learningRate", "weightDecay", "momentum", "batchSize", "epochs",
            "depth", "architecture", "optimizer", "schedule", "stepSize", "stepGamma", "patience", "classWeights");

    /** What a training run reports at its end (the best epoch's validation metrics and its training ones). */
    public static final Set<String> METRICS = Set.of("val_auc", "val_accuracy", "val_macro_f1", "val_loss",
            "val_balanced_accuracy", "val_quadratic_kappa", "val_ece", "train_loss", "train_accuracy");

    /** The spec of a bound request that passed {@link #check}. */
    public static TuneJobSpec of(TuneJobRequest request) {
        TrainJobSpec base = TrainJobSpec.of(request.config(), null);
        SearchSpace space = SearchSpace.parse(request.searchSpace(), TUNABLE);
        String spaceJson;
        try {
            spaceJson = Json.MAPPER.writeValueAsString(request.searchSpace());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new TuneJobSpec(base, request.config(), space, spaceJson, objective(request.objective()),
                request.trials(), request.concurrency(), name(request.sampler()), name(request.pruner()),
                base.training().seed(), request.model(), request.studyName());
    }

    /** The spec stored with a job (accepted at submit, so not checked again). */
    public static TuneJobSpec read(String stored) {
        return of(RequestBinder.read(stored, TuneJobRequest.class));
    }

    /**
     * The checks of a request beyond its members' constraints, a reason per problem added to
     * {@code errors}: the base configuration as for a train job, the study's settings, and every
     * value the search space can give must make a usable training configuration.
     */
    public static void check(TuneJobRequest request, TrainJobSpec.Registry registry, List<String> errors) {
        TrainJobSpec.checkModel(request.model(), registry, errors);
        TrainJobSpec.check(request.config(), registry, errors);
        int trials = request.trials();
        if (trials < 1 || trials > MAX_TRIALS) {
            errors.add("trials is 1-" + MAX_TRIALS + ", got " + trials);
        }
        if (request.concurrency() < 1 || request.concurrency() > Math.max(1, trials)) {
            errors.add("concurrency is 1-trials (" + trials + "), got " + request.concurrency());
        }
        String sampler = name(request.sampler());
        if (!SAMPLERS.contains(sampler)) {
            errors.add("sampler '" + sampler + "' is not known " + new TreeSet<>(SAMPLERS));
        }
        if (!PRUNERS.contains(name(request.pruner()))) {
            errors.add("pruner '" + name(request.pruner()) + "' is not known " + new TreeSet<>(PRUNERS));
        }
        if (request.studyName().isBlank() || request.studyName().length() > 200) {
            errors.add("studyName has 1-200 characters");
        }
        try {
            objective(request.objective());
        } catch (StudySpecException e) {
            e.errors().forEach(error -> errors.add(error.toString()));
        }
        if (request.searchSpace() == null) {
            errors.add("searchSpace is required: training field -> distribution, e.g. {\"learningRate\": "
                    + "{\"type\": \"float\", \"low\": 1e-4, \"high\": 1e-1, \"log\": true}}");
            return;
        }
        SearchSpace space;
        try {
            space = SearchSpace.parse(request.searchSpace(), TUNABLE);
        } catch (StudySpecException e) {
            e.errors().forEach(error -> errors.add(prefixed(error)));
            return;
        }
        if (usable(request.config(), registry)) {
            checkValues(space, request.config(), registry, errors);
        }
        if (sampler.equals("grid")) {
            try {
                new GridSampler(space, 0);
            } catch (StudySpecException notGriddable) {
                notGriddable.errors().forEach(error -> errors.add("sampler grid: " + prefixed(error)));
            } catch (IllegalArgumentException notGriddable) {
                errors.add("sampler grid: " + notGriddable.getMessage());
            }
        }
    }

    private static String name(String choice) {
        return choice.strip().toLowerCase(Locale.ROOT);
    }

    private static Objective objective(TuneJobRequest.TuneObjective objective) {
        if (objective == null) {
            return new Objective("val_auc", Direction.MAXIMIZE);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        if (objective.metric() != null) {
            members.put("metric", objective.metric());
        }
        if (objective.direction() != null) {
            members.put("direction", objective.direction());
        }
        return Objective.parse(members, METRICS);
    }

    /** Whether the base configuration alone makes a training spec on known data (then trials can be checked). */
    private static boolean usable(TrainingConfig config, TrainJobSpec.Registry registry) {
        try {
            config.parameters().toSpec();
        } catch (InvalidTrainingSpecException e) {
            return false;
        }
        return config.data().dataset() != null && registry.trainPool().applyAsInt(config.data().dataset()) >= 0;
    }

    /** The training spec of one trial: the base configuration with the trial's parameters. */
    public TrainJobSpec trialSpec(Map<String, Object> params) {
        List<String> errors = new ArrayList<>();
        TrainingConfig trial = trialConfig(baseConfig, params, new TrainJobSpec.Registry(dataset -> Integer.MAX_VALUE,
                (dataset, architecture) -> Optional.empty(), name -> true), errors);
        if (trial == null) {
            throw new IllegalArgumentException("parameters " + params + " give no usable training spec: "
                    + String.join("; ", errors));
        }
        return TrainJobSpec.of(trial, null);
    }

    /** Epochs one trial trains at most (the largest value when the search space varies them). */
    public int maxEpochs() {
        Distribution epochs = space.get("epochs");
        if (epochs instanceof IntDistribution d) {
            return (int) d.high();
        }
        if (epochs instanceof FloatDistribution d) {
            return (int) d.high();
        }
        if (epochs instanceof CategoricalDistribution d) {
            return d.choices().stream().filter(c -> c instanceof Number).mapToInt(c -> ((Number) c).intValue())
                    .max().orElse(base.training().epochs());
        }
        return base.training().epochs();
    }

    /** Units of progress: every trial's epochs and the final retraining's. */
    public int totalEpochs() {
        return (trials + 1) * maxEpochs();
    }

    public Sampler newSampler() {
        return switch (sampler) {
            case "random" -> new RandomSampler(seed);
            case "grid" -> new GridSampler(space, seed);
            default -> new TpeSampler(seed);
        };
    }

    /** The pruner, or null for none. */
    public Pruner newPruner() {
        return switch (pruner) {
            case "none" -> null;
            case "halving" -> new SuccessiveHalvingPruner();
            default -> new MedianPruner();
        };
    }

    /**
     * The base configuration with a trial's parameters (a null value drops the member), or null after
     * adding why it is not a usable training configuration to {@code errors}.
     */
    static TrainingConfig trialConfig(TrainingConfig base, Map<String, Object> params, TrainJobSpec.Registry registry,
                                      List<String> errors) {
        ObjectNode members = Json.MAPPER.valueToTree(base);
        params.forEach((key, value) -> {
            if (value == null) {
                members.remove(key);
            } else {
                members.set(key, Json.MAPPER.valueToTree(value));
            }
        });
        List<String> problems = new ArrayList<>();
        TrainingConfig trial = RequestBinder.convert(members, TrainingConfig.class, problems);
        if (trial != null) {
            TrainJobSpec.check(trial, registry, problems);
        }
        errors.addAll(problems);
        return problems.isEmpty() ? trial : null;
    }

    /**
     * Every value a trial can draw at the ends of each range (and every choice) must make a usable
     * training spec with the base configuration: catches a float range on an integer field, a learning
     * rate out of bounds or a batch larger than the data now rather than as failed trials later.
     */
    private static void checkValues(SearchSpace space, TrainingConfig base, TrainJobSpec.Registry registry,
                                    List<String> errors) {
        for (String name : space.names()) {
            Distribution distribution = space.get(name);
            List<Object> values;
            if (distribution instanceof FloatDistribution d) {
                values = List.of(d.low(), d.high());
            } else if (distribution instanceof IntDistribution d) {
                values = List.of(d.low(), d.high());
            } else {
                values = ((CategoricalDistribution) distribution).choices();
            }
            for (Object value : values) {
                List<String> problems = new ArrayList<>();
                trialConfig(base, Collections.singletonMap(name, value), registry, problems);
                if (!problems.isEmpty()) {
                    errors.add("searchSpace." + name + " = " + value + " is not usable: " + String.join("; ", problems));
                }
            }
        }
    }

    private static String prefixed(FieldError error) {
        return error.field().startsWith("searchSpace") ? error.toString() : "searchSpace." + error;
    }
}
