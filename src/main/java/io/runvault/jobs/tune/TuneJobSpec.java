package io.runvault.jobs.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.runvault.jobs.SpecReader;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.problem.InvalidRequestException;
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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A tuning job (an Optuna-style study) as submitted: a training spec's members as the base
 * configuration, plus what to vary ({@code searchSpace}), what to optimise ({@code objective}) and how
 * ({@code trials}, {@code concurrency}, {@code sampler}, {@code pruner}). The training {@code seed}
 * seeds the sampler too. Parsed strictly, every reason at once.
 *
 * @param base the base training configuration (without {@code model}: only the final model registers)
 * @param baseMembers the base configuration's JSON members, to which a trial's parameters are applied
 */
public record TuneJobSpec(
        TrainJobSpec base,
        JsonObject baseMembers,
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

    private static final Set<String> OWN_KEYS = Set.of("searchSpace", "objective", "trials", "concurrency", "sampler",
            "pruner", "studyName");

    /** Parses a spec accepted at submit (the model is looked up again when the final model registers). */
    public static TuneJobSpec parse(String text, ToIntFunction<String> trainPool) {
        return parse(text, trainPool, (dataset, architecture) -> Optional.empty(), model -> true);
    }

    public static TuneJobSpec parse(String text, ToIntFunction<String> trainPool,
                                    BiFunction<String, String, Optional<String>> unsuitable,
                                    Predicate<String> modelExists) {
        JsonObject json = SpecReader.read(text);
        List<String> errors = new ArrayList<>();
        SpecReader own = new SpecReader(json, errors);
        JsonObject baseMembers = baseMembers(json, errors);
        TrainJobSpec base = TrainJobSpec.parseMembers(baseMembers, errors, trainPool, unsuitable, modelExists);

        int trials = own.integer("trials", 20);
        if (trials < 1 || trials > MAX_TRIALS) {
            errors.add("trials is 1-" + MAX_TRIALS + ", got " + trials);
        }
        int concurrency = own.integer("concurrency", 1);
        if (concurrency < 1 || concurrency > Math.max(1, trials)) {
            errors.add("concurrency is 1-trials (" + trials + "), got " + concurrency);
        }
        String sampler = own.string("sampler", "tpe").strip().toLowerCase(Locale.ROOT);
        if (!SAMPLERS.contains(sampler)) {
            errors.add("sampler '" + sampler + "' is not known " + new TreeSet<>(SAMPLERS));
        }
        String pruner = own.string("pruner", "median").strip().toLowerCase(Locale.ROOT);
        if (!PRUNERS.contains(pruner)) {
            errors.add("pruner '" + pruner + "' is not known " + new TreeSet<>(PRUNERS));
        }
        String model = own.string("model", null);
        if (model != null && !modelExists.test(model)) {
            errors.add("model '" + model + "' is not a registered model (create it first: POST /api/v1/models)");
        }
        String experiment = base == null ? "default" : base.experiment();
        String studyName = own.string("studyName", experiment);
        if (studyName.isBlank() || studyName.length() > 200) {
            errors.add("studyName has 1-200 characters");
        }

        Objective objective = objective(json.get("objective"), errors);
        JsonValue spaceJson = json.get("searchSpace");
        SearchSpace space = space(spaceJson, errors);
        if (space != null && base != null) {
            checkSpace(space, sampler, baseMembers, errors, trainPool, unsuitable);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("bad-job-spec", "The tuning spec is not valid: " + String.join("; ", errors),
                    Map.of("errors", errors));
        }
        long seed = base.training().seed();
        return new TuneJobSpec(base, baseMembers, space, spaceJson.toString(), objective, trials, concurrency, sampler,
                pruner, seed, model, studyName);
    }

    /** The base training members of a tuning spec; unknown members and a wrong kind are errors. */
    private static JsonObject baseMembers(JsonObject json, List<String> errors) {
        Set<String> unknown = new TreeSet<>(json.keySet());
        unknown.removeAll(TrainJobSpec.KEYS);
        unknown.removeAll(OWN_KEYS);
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(TrainJobSpec.KEYS);
            known.addAll(OWN_KEYS);
            errors.add("unknown members " + unknown + " (known: " + known + ")");
        }
        if (!(json.get("kind") instanceof JsonString kind) || !kind.getString().equals(KIND)) {
            errors.add("kind is tune");
        }
        JsonObjectBuilder baseBuilder = Json.createObjectBuilder();
        json.forEach((key, value) -> {
            if (TrainJobSpec.KEYS.contains(key) && !key.equals("kind") && !key.equals("model")) {
                baseBuilder.add(key, value);
            }
        });
        return baseBuilder.build();
    }

    private static Objective objective(JsonValue objectiveJson, List<String> errors) {
        try {
            return objectiveJson == null ? new Objective("val_auc", Direction.MAXIMIZE)
                    : Objective.parse(asMap(objectiveJson, "objective"), METRICS);
        } catch (StudySpecException e) {
            e.errors().forEach(error -> errors.add(error.toString()));
            return null;
        }
    }

    private static SearchSpace space(JsonValue spaceJson, List<String> errors) {
        if (spaceJson == null) {
            errors.add("searchSpace is required: training field -> distribution, e.g. {\"learningRate\": "
                    + "{\"type\": \"float\", \"low\": 1e-4, \"high\": 1e-1, \"log\": true}}");
            return null;
        }
        try {
            return SearchSpace.parse(asMap(spaceJson, "searchSpace"), TUNABLE);
        } catch (StudySpecException e) {
            e.errors().forEach(error -> errors.add(prefixed(error)));
            return null;
        }
    }

    /** Every value the space can give must make a valid training spec; a grid sampler needs a finite space. */
    private static void checkSpace(SearchSpace space, String sampler, JsonObject baseMembers, List<String> errors,
                                   ToIntFunction<String> trainPool,
                                   BiFunction<String, String, Optional<String>> unsuitable) {
        checkValues(space, baseMembers, errors, trainPool, unsuitable);
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

    /** The training spec of one trial: the base configuration with the trial's parameters. */
    public TrainJobSpec trialSpec(Map<String, Object> params) {
        List<String> errors = new ArrayList<>();
        TrainJobSpec spec = TrainJobSpec.parseMembers(withOverrides(baseMembers, params), errors, dataset -> Integer.MAX_VALUE,
                (dataset, architecture) -> Optional.empty(), name -> true);
        if (spec == null) {
            throw new IllegalArgumentException("parameters " + params + " give no usable training spec: "
                    + String.join("; ", errors));
        }
        return spec;
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

    static JsonObject withOverrides(JsonObject base, Map<String, Object> overrides) {
        JsonObjectBuilder builder = Json.createObjectBuilder(base);
        overrides.forEach((key, value) -> {
            if (value == null) {
                builder.remove(key);
            } else if (value instanceof Long || value instanceof Integer) {
                builder.add(key, ((Number) value).longValue());
            } else if (value instanceof Number n) {
                builder.add(key, n.doubleValue());
            } else if (value instanceof Boolean b) {
                builder.add(key, b);
            } else {
                builder.add(key, value.toString());
            }
        });
        return builder.build();
    }

    /**
     * Every value a trial can draw at the ends of each range (and every choice) must make a usable
     * training spec with the base configuration: catches a float range on an integer field, a learning
     * rate out of bounds or a batch larger than the data now rather than as failed trials later.
     */
    private static void checkValues(SearchSpace space, JsonObject base, List<String> errors, ToIntFunction<String> trainPool,
                                    BiFunction<String, String, Optional<String>> unsuitable) {
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
                TrainJobSpec.parseMembers(withOverrides(base, java.util.Collections.singletonMap(name, value)),
                        problems, trainPool, unsuitable, model -> true);
                if (!problems.isEmpty()) {
                    errors.add("searchSpace." + name + " = " + value + " is not usable: " + String.join("; ", problems));
                }
            }
        }
    }

    private static String prefixed(FieldError error) {
        return error.field().startsWith("searchSpace") ? error.toString() : "searchSpace." + error;
    }

    private static Map<String, ?> asMap(JsonValue value, String member) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new StudySpecException(List.of(new FieldError(member, "must be a JSON object")));
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> map = io.runvault.json.Json.MAPPER.readValue(value.toString(), Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new StudySpecException(List.of(new FieldError(member, "not valid JSON")));
        }
    }
}
