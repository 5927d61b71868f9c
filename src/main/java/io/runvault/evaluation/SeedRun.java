package io.runvault.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a seed group: the group it belongs to (runs that differ only by seed share it, see
 * {@link SeedGroups#groupKey}), its name, its seed and its final metrics.
 */
public record SeedRun(String group, String run, long seed, Map<String, Double> metrics) {

    public SeedRun {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(run, "run");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
