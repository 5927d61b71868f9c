package io.runvault.jobs.evaluate;

import io.runvault.evaluation.Classifier;
import io.runvault.evaluation.ComparedModel;
import io.runvault.evaluation.ComparisonReports;
import io.runvault.evaluation.ComparisonResult;
import io.runvault.evaluation.ModelComparison;
import io.runvault.evaluation.SeedGroupSummary;
import io.runvault.evaluation.SeedGroups;
import io.runvault.evaluation.SeedRun;
import io.runvault.jobs.RequestBinder;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunService;
import io.runvault.training.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores each run's model on the same images (one progress unit per run), then compares them pairwise
 * and groups the runs whose parameters differ only by seed. The run's metrics are each model's
 * {@code test_} metrics suffixed with its place in the spec ({@code test_accuracy_2}).
 */
@ApplicationScoped
public class CompareScorer implements EvaluationScorer {

    @Inject
    RunService runs;

    @Override
    public String kind() {
        return CompareJobKind.NAME;
    }

    @Override
    public Scoring start(String text) {
        CompareJobRequest spec = RequestBinder.read(text, CompareJobRequest.class);
        EvaluationTarget target = EvaluationTarget.ofRuns(CompareJobKind.NAME, spec.runs(), spec.scope());
        return new Scoring() {

            private final List<ComparedModel> compared = new ArrayList<>();
            private final List<SeedRun> seedRuns = new ArrayList<>();
            private final Map<String, Double> metrics = new TreeMap<>();

            @Override
            public EvaluationTarget target() {
                return target;
            }

            @Override
            public void score(ModelUsed model, Classifier classifier, ScoringContext context) {
                float[][] rows = context.scoreBatches(classifier, model.index() + 1);
                String name = uniqueName(model.runName(), compared);
                compared.add(new ComparedModel(name, EvaluateScorer.predictions(context.images(), rows)));
                Map<String, Double> own = Evaluation.of(rows, context.images().labels(), context.images().classNames())
                        .metrics("test_");
                String suffix = "_" + (model.index() + 1);
                own.forEach((metric, value) -> metrics.put(metric + suffix, value));
                context.log(String.format(Locale.ROOT, "  accuracy %.4f", own.get("test_accuracy")));
                RunManifest manifest = runs.manifest(runs.get(model.runId()));
                seedRuns.add(new SeedRun(SeedGroups.groupKey(manifest.params()), name, seed(manifest.params()), own));
            }

            @Override
            public Scored finish(ScoringContext context) {
                ComparisonResult result = ModelComparison.compare(compared, spec.seed());
                List<SeedGroupSummary> groups = SeedGroups.summarize(seedRuns);
                context.log(compared.size() + " models compared; " + groups.size() + " seed group(s)");
                return new Scored(metrics, Map.of("seedGroups", groups.size()),
                        dir -> ComparisonReports.writeSuite(dir, result, groups));
            }
        };
    }

    /** A run's human name, made unique within the comparison (two runs may share one). */
    private static String uniqueName(String name, List<ComparedModel> so) {
        String candidate = name;
        for (int i = 2; taken(candidate, so); i++) {
            candidate = name + "#" + i;
        }
        return candidate;
    }

    private static boolean taken(String name, List<ComparedModel> so) {
        return so.stream().anyMatch(m -> m.name().equals(name));
    }

    private static long seed(Map<String, Object> params) {
        for (String key : SeedGroups.SEED_PARAMS) {
            if (params.get(key) instanceof Number n) {
                return n.longValue();
            }
        }
        return 0;
    }
}
