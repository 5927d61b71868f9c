package io.runvault.jobs.evaluate;

import io.runvault.jobs.RequestBinder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Compares runs' models on the same images (META-INF/batch-jobs/compare.xml, {@link CompareScorer}). */
@ApplicationScoped
public class CompareJobKind extends EvaluationJobKind {

    public static final String NAME = "compare";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accepted accept(String body) {
        CompareJobRequest spec = bind(body, CompareJobRequest.class);
        return new Accepted(spec.experiment(), spec.runs().size(),
                Map.of("runs", spec.runs(), "dataset", spec.dataset(), "split", spec.split(), "engine", spec.engine()),
                spec.runs().size() + " runs on " + data(spec.dataset(), spec.split(), spec.samples())
                        + ", engine " + spec.engine(), RequestBinder.canonical(spec));
    }
}
