package io.runvault.jobs.evaluate;

import io.runvault.evaluation.Corruption;
import io.runvault.export.Normalization;
import io.runvault.export.RunModels;
import io.runvault.jobs.SpecReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A robustness job as submitted: a run's model scored on clean and corrupted copies of a split.
 * Parsed strictly like {@link EvaluateJobSpec}, whose members it shares.
 */
public record RobustnessJobSpec(String experiment, String run, String dataset, String split, int samples, String engine,
                                long seed, Normalization normalization, int[] severities, List<Corruption> corruptions) {

    static final Set<String> KEYS = Set.of("kind", "experiment", "run", "dataset", "split", "samples", "engine", "seed",
            "normalization", "severities", "corruptions");

    public static RobustnessJobSpec parse(String text) {
        return parse(text, dataset -> true, (run, engine) -> Optional.empty());
    }

    public static RobustnessJobSpec parse(String text, Predicate<String> datasetKnown,
                                          BiFunction<String, String, Optional<String>> unusable) {
        SpecReader r = SpecReader.of(text, RobustnessJobKind.NAME, KEYS);
        String experiment = EvaluateJobSpec.experiment(r);
        String run = r.string("run", null);
        String dataset = EvaluateJobSpec.dataset(r, datasetKnown);
        String split = EvaluateJobSpec.split(r);
        int samples = EvaluateJobSpec.samples(r);
        String engine = r.string("engine", "auto");
        if (!RunModels.ENGINES.contains(engine)) {
            r.error("engine is one of " + RunModels.ENGINES + ", got '" + engine + "'");
        }
        long seed = r.longInteger("seed", 42);
        Normalization normalization = EvaluateJobSpec.normalization(r);
        int[] severities = r.integers("severities");
        if (severities == null) {
            severities = new int[] {1, 2, 3, 4, 5};
        } else if (severities.length == 0 || Arrays.stream(severities)
                .anyMatch(s -> s < Corruption.MIN_SEVERITY || s > Corruption.MAX_SEVERITY)) {
            r.error("severities are 1-5, at least one, got " + Arrays.toString(severities));
        }
        List<Corruption> corruptions = new ArrayList<>();
        List<String> named = r.strings("corruptions");
        List<String> known = Arrays.stream(Corruption.values()).map(Corruption::id).toList();
        if (named == null) {
            corruptions.addAll(List.of(Corruption.values()));
        } else if (named.isEmpty()) {
            r.error("corruptions names at least one of " + known);
        } else {
            for (String id : named) {
                if (known.contains(id)) {
                    corruptions.add(Corruption.fromId(id));
                } else {
                    r.error("corruption '" + id + "' is not known " + known);
                }
            }
        }
        if (run == null) {
            r.error("run is required (the id of the run whose model is evaluated)");
        } else if (RunModels.ENGINES.contains(engine)) {
            unusable.apply(run, engine).ifPresent(r::error);
        }
        r.check();
        return new RobustnessJobSpec(experiment, run, dataset, split, samples, engine, seed, normalization,
                Arrays.stream(severities).distinct().sorted().toArray(), corruptions.stream().distinct().toList());
    }
}
