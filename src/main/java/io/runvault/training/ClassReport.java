package io.runvault.training;

/** Precision, recall, F1 and support of one class (one row of a classification report). */
public record ClassReport(String className, double precision, double recall, double f1, int support) {}
