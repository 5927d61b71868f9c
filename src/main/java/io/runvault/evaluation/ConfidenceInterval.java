package io.runvault.evaluation;

/** A point estimate with a two-sided interval at {@code level} (0.95 for a 95 % interval). */
public record ConfidenceInterval(double estimate, double lower, double upper, double level) {
}
