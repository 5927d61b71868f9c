package io.runvault.jobs.evaluate;

import io.runvault.jobs.RequestBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Scores a run's model on a dataset split (META-INF/batch-jobs/evaluate.xml, {@link EvaluateScorer}). */
@ApplicationScoped
public class EvaluateJobKind extends EvaluationJobKind {

    public static final String NAME = "evaluate";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accepted accept(String body) {
        EvaluateJobRequest spec = bind(body, EvaluateJobRequest.class);
        return new Accepted(spec.experiment(), 1,
                Map.of("run", spec.run(), "dataset", spec.dataset(), "split", spec.split(), "engine", spec.engine()),
                "run " + spec.run() + " on " + data(spec.dataset(), spec.split(), spec.samples())
                        + ", engine " + spec.engine(), RequestBinder.canonical(spec));
    }
}
