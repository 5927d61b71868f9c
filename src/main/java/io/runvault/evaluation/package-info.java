/**
 * Evaluation, robustness and comparison: the library behind the {@code evaluate},
 * {@code robustness} and {@code compare} jobs.
 * <ul>
 * <li>{@link io.runvault.evaluation.EvaluationReports}: an evaluate run's CSVs, metrics JSON,
 *     confusion matrix and prediction grid from a model's {@link io.runvault.reports.Predictions}.</li>
 * <li>{@link io.runvault.evaluation.RobustnessEvaluation}: a {@link io.runvault.evaluation.Classifier}
 *     under every {@link io.runvault.evaluation.Corruption} and severity, giving a
 *     {@link io.runvault.evaluation.RobustnessResult}; {@link io.runvault.evaluation.CorruptionErrors}
 *     (mCE) and {@link io.runvault.evaluation.RobustnessReports} for its outputs.</li>
 * <li>{@link io.runvault.evaluation.ModelComparison}: McNemar and paired bootstrap tests between
 *     models, bootstrap intervals per model; {@link io.runvault.evaluation.SeedGroups} for runs
 *     that differ only by seed; {@link io.runvault.evaluation.ComparisonReports} for the outputs.</li>
 * </ul>
 * Everything random is seeded by the caller; nothing here touches the registry or the server.
 */
package io.runvault.evaluation;
