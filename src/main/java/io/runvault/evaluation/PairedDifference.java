package io.runvault.evaluation;

/**
 * A metric's difference between two models (A minus B) on the same test samples, with its paired
 * bootstrap percentile interval and two-sided p-value ({@link Bootstrap#pValue}).
 */
public record PairedDifference(String metric, double difference, double lower, double upper, double level, double pValue) {
}
