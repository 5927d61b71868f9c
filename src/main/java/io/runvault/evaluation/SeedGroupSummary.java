package io.runvault.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A seed group's runs and, per metric, the mean and sample standard deviation over them (the mean ± std tables users report over repeated seeds). */
public record SeedGroupSummary(String group, List<String> runs, List<Long> seeds, Map<String, MeanStd> metrics) {

    public SeedGroupSummary {
        runs = List.copyOf(runs);
        seeds = List.copyOf(seeds);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
