package io.runvault.jobs.crossval;

import io.runvault.jobs.SpecReader;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.problem.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A cross-validation job as submitted: a training spec (every member of a {@code train} job but
 * {@code valFraction}, since each fold validates on its own part of the pool, and {@code model},
 * since k fold models are not one model version) plus {@code folds} and {@code concurrency}.
 * The training members are parsed by {@link TrainJobSpec} so both kinds accept the same values;
 * every reason a spec is refused is reported at once.
 */
public record CrossValidationSpec(TrainJobSpec job, int folds, int concurrency) {

    public static final int DEFAULT_FOLDS = 5;
    public static final int MAX_FOLDS = 20;
    private static final Set<String> OWN = Set.of("folds", "concurrency");
    private static final Map<String, String> NOT_APPLICABLE = Map.of(
            "valFraction", "valFraction does not apply to cross-validation: each fold validates on its own 1/k of the pool",
            "model", "model does not apply to cross-validation: register one of the fold runs, or a train job's run");

    /** Parses a spec already accepted at submit. */
    public static CrossValidationSpec parse(String text, ToIntFunction<String> trainPool) {
        return parse(text, trainPool, (dataset, architecture) -> Optional.empty(), model -> true);
    }

    public static CrossValidationSpec parse(String text, ToIntFunction<String> trainPool,
                                            BiFunction<String, String, Optional<String>> unsuitable,
                                            Predicate<String> modelExists) {
        JsonObject json = SpecReader.read(text);
        List<String> errors = new ArrayList<>();
        JsonObject training = trainingMembers(json, errors);
        SpecReader own = new SpecReader(json, errors);
        int folds = own.integer("folds", DEFAULT_FOLDS);
        if (folds < 2 || folds > MAX_FOLDS) {
            errors.add("folds is 2-" + MAX_FOLDS + ", got " + folds);
        }
        int concurrency = own.integer("concurrency", 1);
        if (concurrency < 1 || concurrency > folds) {
            errors.add("concurrency (folds trained at once) is 1-folds (" + folds + "), got " + concurrency);
        }
        TrainJobSpec job = null;
        try {
            job = TrainJobSpec.parse(training.toString(), trainPool, unsuitable, modelExists);
        } catch (InvalidRequestException refused) {
            if (refused.extensions().get("errors") instanceof List<?> reasons) {
                reasons.forEach(reason -> errors.add(String.valueOf(reason)));
            } else {
                errors.add(refused.getMessage());
            }
        }
        if (job != null && folds >= 2 && folds <= MAX_FOLDS) {
            checkPool(job, folds, trainPool, errors);
        }
        if (!errors.isEmpty()) {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(errors));
            throw new InvalidRequestException("bad-job-spec", "The job spec is not valid: " + String.join("; ", distinct),
                    Map.of("errors", distinct));
        }
        return new CrossValidationSpec(job, folds, concurrency);
    }

    /** The spec's training members (checked by {@link TrainJobSpec}); unknown and inapplicable ones are errors. */
    private static JsonObject trainingMembers(JsonObject json, List<String> errors) {
        Set<String> known = new TreeSet<>(TrainJobSpec.KEYS);
        known.removeAll(NOT_APPLICABLE.keySet());
        known.addAll(OWN);
        JsonObjectBuilder training = Json.createObjectBuilder();
        Set<String> unknown = new TreeSet<>();
        json.forEach((key, value) -> {
            if (value.getValueType() == JsonValue.ValueType.NULL || key.equals("kind") || OWN.contains(key)) {
                return;
            }
            if (NOT_APPLICABLE.containsKey(key)) {
                errors.add(NOT_APPLICABLE.get(key));
            } else if (!known.contains(key)) {
                unknown.add(key);
            } else {
                training.add(key, value);
            }
        });
        if (!unknown.isEmpty()) {
            errors.add("unknown members " + unknown + " (known: " + known + ")");
        }
        JsonValue kind = json.get("kind");
        if (!(kind instanceof JsonString s && s.getString().equals(CrossValidationJobKind.NAME))) {
            errors.add("kind is " + CrossValidationJobKind.NAME);
        }
        return training.build();
    }

    /** Every fold needs training images, and at least a batch of them. */
    private static void checkPool(TrainJobSpec job, int folds, ToIntFunction<String> trainPool, List<String> errors) {
        int available = trainPool.applyAsInt(job.dataset());
        int pool = job.trainSamples() > 0 ? Math.min(job.trainSamples(), available) : available;
        int foldTrain = pool - (int) Math.ceil((double) pool / folds);
        if (pool < folds) {
            errors.add(folds + " folds need at least " + folds + " training images, the pool has " + pool);
        } else if (job.training().batchSize() > foldTrain) {
            errors.add("batchSize " + job.training().batchSize() + " is larger than a fold's training data ("
                    + foldTrain + " of " + pool + " images with " + folds + " folds)");
        }
    }

    /** Progress units: every fold trains {@code epochs} epochs. */
    public int totalEpochs() {
        return folds * job.training().epochs();
    }
}
