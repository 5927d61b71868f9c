package io.runvault.evaluation;

import java.util.List;

/** Model A against model B: McNemar's test on their per-sample correctness and the paired bootstrap differences. */
public record PairwiseComparison(String modelA, String modelB, McNemarTest mcnemar, List<PairedDifference> differences) {

    public PairwiseComparison {
        differences = List.copyOf(differences);
    }

    /** The difference in a metric ({@code accuracy}, {@code macro_f1}, {@code auc_ovr}). */
    public PairedDifference difference(String metric) {
        return differences.stream().filter(d -> d.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no difference in " + metric));
    }
}
