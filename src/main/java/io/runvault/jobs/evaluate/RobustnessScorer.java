package io.runvault.jobs.evaluate;

import io.runvault.evaluation.Classifier;
import io.runvault.evaluation.RobustnessEvaluation;
import io.runvault.evaluation.RobustnessReports;
import io.runvault.evaluation.RobustnessResult;
import io.runvault.jobs.RequestBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores a run's model on the clean split, then on each corruption at each severity (seeded, so the
 * same spec sees the same corrupted images): the robustness suite and its metrics.
 */
@ApplicationScoped
public class RobustnessScorer implements EvaluationScorer {

    @Override
    public String kind() {
        return RobustnessJobKind.NAME;
    }

    @Override
    public Scoring start(String text) {
        RobustnessJobRequest spec = RequestBinder.read(text, RobustnessJobRequest.class);
        List<String> corruptions = spec.corruptions();
        List<Integer> severities = spec.severities();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("severities", severities);
        settings.put("corruptions", corruptions);
        EvaluationTarget target = EvaluationTarget.ofRun(RobustnessJobKind.NAME, spec.run(), spec.scope(),
                spec.normalizationOverride(), settings);
        return new Scoring() {

            private RobustnessResult result;

            @Override
            public EvaluationTarget target() {
                return target;
            }

            @Override
            public void score(ModelUsed model, Classifier classifier, ScoringContext context) {
                result = RobustnessEvaluation.run(classifier, context.images(), spec.seed(), spec.severityLevels(),
                        spec.corruptionTypes(), BatchScoring.BATCH, context.passes());
            }

            @Override
            public Scored finish(ScoringContext context) {
                context.log(String.format(Locale.ROOT, "clean accuracy %.4f over %d images", result.cleanAccuracy(),
                        context.images().size()));
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("severities", severities.toString());
                params.put("corruptions", String.join(",", corruptions));
                return new Scored(result.metrics(), params, dir -> RobustnessReports.writeSuite(dir, result, null));
            }
        };
    }
}
