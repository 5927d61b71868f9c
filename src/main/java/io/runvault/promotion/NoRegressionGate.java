package io.runvault.promotion;

import io.runvault.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * No regression: the candidate's metric is at least the production version's minus a tolerance
 * (higher is better). Passes when there is no production version yet.
 */
@ApplicationScoped
public class NoRegressionGate implements GateKind {

    @Override
    public String kind() {
        return "no-regression";
    }

    @Override
    public Gate parse(GateSpec spec) {
        if (spec.metric() == null || spec.metric().isBlank() || spec.metric().length() > 256) {
            throw new InvalidRequestException("bad-policy", "A no-regression gate names a metric");
        }
        double tolerance = spec.tolerance() == null ? 0 : spec.tolerance();
        if (!Double.isFinite(tolerance) || tolerance < 0) {
            throw new InvalidRequestException("bad-policy", "A tolerance is a finite number >= 0");
        }
        String metric = spec.metric();
        return context -> {
            Double candidate = context.candidate().metrics().get(metric);
            if (context.production().isEmpty()) {
                return new GateResult("no-regression", metric + " not below production", "no production version yet", true);
            }
            Double production = context.production().get().metrics().get(metric);
            String expected = metric + " >= " + production + " - " + tolerance;
            if (candidate == null || production == null) {
                return new GateResult("no-regression", expected, metric + " not reported by both runs", false);
            }
            return new GateResult("no-regression", expected, metric + " = " + candidate, candidate >= production - tolerance);
        };
    }
}
