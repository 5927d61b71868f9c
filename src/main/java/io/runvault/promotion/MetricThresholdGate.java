package io.runvault.promotion;

import io.runvault.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code val_auc >= 0.90}: a final metric of the candidate's run against a threshold. */
@ApplicationScoped
public class MetricThresholdGate implements GateKind {

    private static final Pattern EXPRESSION =
            Pattern.compile("\\s*([A-Za-z0-9_./:-]{1,256})\\s*(>=|<=|==|!=|>|<)\\s*([-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?)\\s*");

    @Override
    public String kind() {
        return "metric";
    }

    @Override
    public Gate parse(GateSpec spec) {
        Matcher m = spec.expression() == null ? null : EXPRESSION.matcher(spec.expression());
        if (m == null || !m.matches()) {
            throw new InvalidRequestException("bad-policy",
                    "A metric gate's expression is '<metric> <op> <number>', e.g. 'val_auc >= 0.90'");
        }
        String metric = m.group(1);
        String op = m.group(2);
        double threshold = Double.parseDouble(m.group(3));
        String expected = metric + " " + op + " " + m.group(3);
        return context -> {
            Double actual = context.candidate().metrics().get(metric);
            boolean passed = actual != null && compare(actual, op, threshold);
            return new GateResult("metric", expected, actual == null ? metric + " not reported" : metric + " = " + actual,
                    passed);
        };
    }

    static boolean compare(double actual, String op, double threshold) {
        return switch (op) {
            case ">=" -> actual >= threshold;
            case ">" -> actual > threshold;
            case "<=" -> actual <= threshold;
            case "<" -> actual < threshold;
            case "==" -> actual == threshold;
            default -> actual != threshold;
        };
    }
}
