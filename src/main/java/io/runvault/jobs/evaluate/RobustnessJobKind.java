package io.runvault.jobs.evaluate;

import io.runvault.jobs.RequestBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Scores a run's model on corrupted images (META-INF/batch-jobs/robustness.xml, {@link RobustnessScorer}). */
@ApplicationScoped
public class RobustnessJobKind extends EvaluationJobKind {

    public static final String NAME = "robustness";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accepted accept(String body) {
        RobustnessJobRequest spec = bind(body, RobustnessJobRequest.class);
        return new Accepted(spec.experiment(), 1,
                Map.of("run", spec.run(), "dataset", spec.dataset(), "split", spec.split(),
                        "corruptions", spec.corruptions(), "severities", spec.severities()),
                "run " + spec.run() + " on " + spec.dataset() + " " + spec.split() + ", "
                        + spec.corruptions().size() + " corruption(s) x " + spec.severities().size() + " severities",
                RequestBinder.canonical(spec));
    }
}
