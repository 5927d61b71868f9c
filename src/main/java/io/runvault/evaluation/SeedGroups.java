package io.runvault.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Summaries of runs that differ only by seed: mean and sample standard deviation of each metric per group. */
public final class SeedGroups {

    /** Parameter names that hold the seed and so do not separate groups. */
    public static final Set<String> SEED_PARAMS = Set.of("seed", "random_seed");

    private SeedGroups() {
    }

    /**
     * The group key of a run's parameters: every parameter but the seed, sorted by name, as
     * {@code name=value} joined by ", ". Runs with equal keys differ only by seed.
     */
    public static String groupKey(Map<String, ?> params) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !SEED_PARAMS.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * One summary per group, groups and metrics in order of first appearance. A metric missing
     * from or NaN in some runs is summarised over the runs that have it ({@link MeanStd#n()}).
     */
    public static List<SeedGroupSummary> summarize(List<SeedRun> runs) {
        Map<String, List<SeedRun>> groups = new LinkedHashMap<>();
        for (SeedRun r : runs) {
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        List<SeedGroupSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<SeedRun>> g : groups.entrySet()) {
            // Sorted, so the columns do not depend on how each run's metrics map iterates.
            Set<String> metrics = new TreeSet<>();
            g.getValue().forEach(r -> metrics.addAll(r.metrics().keySet()));
            Map<String, MeanStd> summary = new LinkedHashMap<>();
            for (String m : metrics) {
                double[] values = g.getValue().stream().mapToDouble(r -> {
                    Double v = r.metrics().get(m);
                    return v == null ? Double.NaN : v;
                }).toArray();
                summary.put(m, MeanStd.of(values));
            }
            out.add(new SeedGroupSummary(g.getKey(), g.getValue().stream().map(SeedRun::run).toList(),
                    g.getValue().stream().map(SeedRun::seed).toList(), summary));
        }
        return out;
    }
}
