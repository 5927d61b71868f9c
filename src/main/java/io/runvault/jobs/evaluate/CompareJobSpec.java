package io.runvault.jobs.evaluate;

import io.runvault.export.RunModels;
import io.runvault.jobs.SpecReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A comparison job as submitted: several runs' models scored on the same images, compared pairwise,
 * and grouped by their parameters apart from the seed. Parsed strictly; every reason at once.
 */
public record CompareJobSpec(String experiment, List<String> runs, String dataset, String split, int samples,
                             String engine, long seed) {

    static final int MAX_RUNS = 20;
    static final Set<String> KEYS = Set.of("kind", "experiment", "runs", "dataset", "split", "samples", "engine", "seed");

    public static CompareJobSpec parse(String text) {
        return parse(text, dataset -> true, (run, engine) -> Optional.empty());
    }

    public static CompareJobSpec parse(String text, Predicate<String> datasetKnown,
                                       BiFunction<String, String, Optional<String>> unusable) {
        SpecReader r = SpecReader.of(text, CompareJobKind.NAME, KEYS);
        String experiment = EvaluateJobSpec.experiment(r);
        List<String> runs = r.strings("runs");
        String dataset = EvaluateJobSpec.dataset(r, datasetKnown);
        String split = EvaluateJobSpec.split(r);
        int samples = EvaluateJobSpec.samples(r);
        String engine = r.string("engine", "auto");
        if (!RunModels.ENGINES.contains(engine)) {
            r.error("engine is one of " + RunModels.ENGINES + ", got '" + engine + "'");
        }
        long seed = r.longInteger("seed", 42);
        List<String> distinct = new ArrayList<>();
        if (runs == null && !r.has("runs")) {
            r.error("runs is required (the ids of 2-" + MAX_RUNS + " runs to compare)");
        } else if (runs != null) {
            distinct.addAll(new LinkedHashSet<>(runs));
            if (distinct.size() < 2 || distinct.size() > MAX_RUNS) {
                r.error("runs names 2-" + MAX_RUNS + " distinct runs, got " + distinct.size());
            }
            if (RunModels.ENGINES.contains(engine)) {
                for (String run : distinct) {
                    unusable.apply(run, engine).ifPresent(r::error);
                }
            }
        }
        r.check();
        return new CompareJobSpec(experiment, List.copyOf(distinct), dataset, split, samples, engine, seed);
    }
}
