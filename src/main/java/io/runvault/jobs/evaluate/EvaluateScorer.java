package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.Classifier;
import io.runvault.evaluation.EvaluationReports;
import io.runvault.evaluation.EvaluationWorkbook;
import io.runvault.jobs.RequestBinder;
import io.runvault.reports.ClassificationReport;
import io.runvault.reports.Predictions;
import io.runvault.training.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a run's model on every image of the split: the classification suite (figures, metrics,
 * predictions) and {@code reports/evaluation_summary.xlsx}, with {@code test_} metrics.
 */
@ApplicationScoped
public class EvaluateScorer implements EvaluationScorer {

    @Override
    public String kind() {
        return EvaluateJobKind.NAME;
    }

    @Override
    public Scoring start(String text) {
        EvaluateJobRequest spec = RequestBinder.read(text, EvaluateJobRequest.class);
        return new Scoring() {

            private final EvaluationTarget target = EvaluationTarget.ofRun(EvaluateJobKind.NAME, spec.run(),
                    spec.scope(), spec.normalizationOverride(), Map.of());
            private ModelUsed model;
            private float[][] rows;

            @Override
            public EvaluationTarget target() {
                return target;
            }

            @Override
            public void score(ModelUsed model, Classifier classifier, ScoringContext context) {
                this.model = model;
                this.rows = context.scoreBatches(classifier, 1);
            }

            @Override
            public Scored finish(ScoringContext context) {
                LabelledImages images = context.images();
                Predictions predictions = predictions(images, rows);
                Map<String, Double> metrics = Evaluation.of(rows, images.labels(), images.classNames()).metrics("test_");
                context.done(metrics);
                context.log(String.format(Locale.ROOT, "accuracy %.4f, macro F1 %.4f on %d images",
                        metrics.get("test_accuracy"), metrics.get("test_macro_f1"), images.size()));
                Map<String, Object> summary = summary(spec, model, context.dataset(), images, metrics);
                return new Scored(metrics, Map.of(), dir -> {
                    EvaluationReports.writeSuite(dir, predictions, images, spec.seed());
                    Files.createDirectories(dir.resolve("reports"));
                    try (OutputStream out = Files.newOutputStream(dir.resolve("reports/evaluation_summary.xlsx"))) {
                        EvaluationWorkbook.write(summary, ClassificationReport.of(predictions), out);
                    }
                });
            }
        };
    }

    /** The summary sheet of the workbook: the model, the data, then every metric by name. */
    private static Map<String, Object> summary(EvaluateJobRequest spec, ModelUsed model, DatasetCatalog.Loaded dataset,
                                               LabelledImages images, Map<String, Double> metrics) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model_run", spec.run());
        summary.put("model_file", model.file());
        summary.put("engine", model.engine());
        summary.put("input", model.normalization().toString());
        summary.put("dataset", dataset.name());
        summary.put("dataset_digest", dataset.digest().toString());
        summary.put("split", spec.split());
        summary.put("images", images.size());
        summary.put("seed", spec.seed());
        summary.putAll(new TreeMap<>(metrics));
        return summary;
    }

    /** A model's rows as the predictions table of the reports. */
    static Predictions predictions(LabelledImages images, float[][] rows) {
        double[][] values = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            values[i] = new double[rows[i].length];
            for (int c = 0; c < rows[i].length; c++) {
                values[i][c] = rows[i][c];
            }
        }
        return Predictions.fromRows(images.classNames(), images.labels(), values);
    }
}
