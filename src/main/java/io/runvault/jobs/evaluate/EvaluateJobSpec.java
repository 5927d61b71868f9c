package io.runvault.jobs.evaluate;

import io.runvault.export.Normalization;
import io.runvault.export.RunModels;
import io.runvault.jobs.SpecReader;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * An evaluation job as submitted: which run's model, on which split of which dataset, through which
 * engine. Parsed strictly; every reason is reported at once.
 *
 * @param normalization preprocessing that overrides the model's own, or null
 */
public record EvaluateJobSpec(String experiment, String run, String dataset, String split, int samples, String engine,
                              long seed, Normalization normalization) {

    static final Set<String> KEYS = Set.of("kind", "experiment", "run", "dataset", "split", "samples", "engine", "seed",
            "normalization");
    private static final Set<String> NORMALIZATION_KEYS = Set.of("scale", "mean", "std");

    /** Parses a spec accepted at submit. */
    public static EvaluateJobSpec parse(String text) {
        return parse(text, dataset -> true, (run, engine) -> Optional.empty());
    }

    /**
     * Parses and checks a spec; {@code datasetKnown} says whether a dataset is on this appliance and
     * {@code unusable} why a run's model cannot be evaluated with an engine.
     */
    public static EvaluateJobSpec parse(String text, Predicate<String> datasetKnown,
                                        BiFunction<String, String, Optional<String>> unusable) {
        SpecReader r = SpecReader.of(text, EvaluateJobKind.NAME, KEYS);
        String experiment = experiment(r);
        String run = r.string("run", null);
        String dataset = dataset(r, datasetKnown);
        String split = split(r);
        int samples = samples(r);
        String engine = r.string("engine", "auto");
        if (!RunModels.ENGINES.contains(engine)) {
            r.error("engine is one of " + RunModels.ENGINES + ", got '" + engine + "'");
        }
        long seed = r.longInteger("seed", 42);
        Normalization normalization = normalization(r);
        if (run == null) {
            r.error("run is required (the id of the run whose model is evaluated)");
        } else if (RunModels.ENGINES.contains(engine)) {
            unusable.apply(run, engine).ifPresent(r::error);
        }
        r.check();
        return new EvaluateJobSpec(experiment, run, dataset, split, samples, engine, seed, normalization);
    }

    static String experiment(SpecReader r) {
        String experiment = r.string("experiment", "default");
        if (experiment.isBlank() || experiment.length() > 200) {
            r.error("experiment has 1-200 characters");
        }
        return experiment;
    }

    static String dataset(SpecReader r, Predicate<String> known) {
        String dataset = r.string("dataset", null);
        if (dataset == null) {
            r.error("dataset is required (e.g. fashion-mnist)");
        } else if (!known.test(dataset)) {
            r.error("dataset '" + dataset + "' is not known");
        }
        return dataset;
    }

    static String split(SpecReader r) {
        String split = r.string("split", "test");
        if (!EvaluationData.SPLITS.contains(split)) {
            r.error("split is one of " + EvaluationData.SPLITS + ", got '" + split + "'");
        }
        return split;
    }

    static int samples(SpecReader r) {
        int samples = r.integer("samples", 0);
        if (samples < 0) {
            r.error("samples is 0 (all) or positive");
        }
        return samples;
    }

    static Normalization normalization(SpecReader r) {
        JsonObject n = r.object("normalization");
        if (n == null) {
            return null;
        }
        Set<String> unknown = new TreeSet<>(n.keySet());
        unknown.removeAll(NORMALIZATION_KEYS);
        if (!unknown.isEmpty()) {
            r.error("normalization: unknown members " + unknown + " (known: " + new TreeSet<>(NORMALIZATION_KEYS) + ")");
            return null;
        }
        double scale = n.get("scale") instanceof JsonNumber s ? s.doubleValue() : Double.NaN;
        if (n.containsKey("scale") && Double.isNaN(scale)) {
            r.error("normalization.scale is a number (raw 0-255 pixels are multiplied by it)");
            return null;
        }
        double[] mean = values(n.get("mean"), 0);
        double[] std = values(n.get("std"), 1);
        if (mean == null || std == null) {
            r.error("normalization.mean and normalization.std are a number or an array of numbers");
            return null;
        }
        try {
            return new Normalization(n.containsKey("scale") ? scale : 1.0 / 255, mean, std);
        } catch (IllegalArgumentException e) {
            r.error(e.getMessage());
            return null;
        }
    }

    private static double[] values(JsonValue value, double fallback) {
        if (value == null) {
            return new double[] {fallback};
        }
        if (value instanceof JsonNumber n) {
            return new double[] {n.doubleValue()};
        }
        if (value instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(v -> v instanceof JsonNumber)) {
            return a.stream().mapToDouble(v -> ((JsonNumber) v).doubleValue()).toArray();
        }
        return null;
    }
}
