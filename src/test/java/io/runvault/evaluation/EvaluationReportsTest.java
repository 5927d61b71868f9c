package io.runvault.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.datasets.LabelledImages;
import io.runvault.reports.ClassificationReport;
import io.runvault.reports.ConfusionMatrixFigure;
import io.runvault.reports.Predictions;
import io.runvault.reports.SampleGridFigure;
import io.runvault.reports.SampleImage;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportsTest {

    /** Class names that need CSV quoting. */
    private static final List<String> NAMES = List.of("T-shirt/top", "bag, small", "the \"boot\"", "coat");

    @TempDir
    Path run;

    static Predictions predictions(int n) {
        Predictions p = ComparisonStatisticsTest.predictions(n, 0.75, 4);
        // Float32 scores, as a model returns them.
        double[] probs = p.probabilities();
        float[] f = new float[probs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) probs[i];
        }
        return Predictions.fromFloats(NAMES, p.trueLabels(), f);
    }

    static LabelledImages images(Predictions p) {
        SplittableRandom r = new SplittableRandom(1);
        float[] px = new float[p.size() * 3 * 12 * 12];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        return new LabelledImages(px, p.trueLabels(), 3, 12, 12, NAMES);
    }

    @Test
    void writesTheEvaluationSuite() throws Exception {
        Predictions p = predictions(200);
        ClassificationReport report = ClassificationReport.of(p);
        List<String> written = EvaluationReports.writeSuite(run, p, images(p), 5, 400);
        assertEquals(List.of("metrics/test_summary.csv", "metrics/confusion_matrix.csv", "metrics/test_predictions.csv",
                "metrics/test_metrics.json", "figures/confusion_matrix.png", "figures/prediction_grid.png",
                "reports/classification_report.txt"), written);

        List<CSVRecord> summary = RobustnessReportsTest.csv(run.resolve("metrics/test_summary.csv"));
        assertEquals(List.of("metric", "value"), summary.get(0).toList());
        assertEquals(List.of("samples", "200"), summary.get(1).toList());
        assertEquals("accuracy", summary.get(2).get(0));
        assertEquals(report.accuracy(), Double.parseDouble(summary.get(2).get(1)), 1e-12);
        assertEquals(List.of("auc_ovr", Double.toString(report.macroRocAuc())), summary.get(10).toList());
        assertEquals(report.macroAvg().f1(), Double.parseDouble(summary.get(6).get(1)), 1e-12);

        List<CSVRecord> cm = RobustnessReportsTest.csv(run.resolve("metrics/confusion_matrix.csv"));
        assertEquals(List.of("true\\predicted", "T-shirt/top", "bag, small", "the \"boot\"", "coat"), cm.get(0).toList());
        long[][] m = report.confusionMatrix();
        for (int t = 0; t < 4; t++) {
            assertEquals(NAMES.get(t), cm.get(t + 1).get(0));
            for (int c = 0; c < 4; c++) {
                assertEquals(m[t][c], Long.parseLong(cm.get(t + 1).get(c + 1)));
            }
        }
        String raw = Files.readString(run.resolve("metrics/confusion_matrix.csv"), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("true\\predicted,T-shirt/top,\"bag, small\",\"the \"\"boot\"\"\",coat\n"), raw);

        List<CSVRecord> preds = RobustnessReportsTest.csv(run.resolve("metrics/test_predictions.csv"));
        assertEquals(201, preds.size());
        assertEquals(List.of("index", "true_label", "true_class", "predicted_label", "predicted_class", "correct",
                "prob_T-shirt/top", "prob_bag, small", "prob_the \"boot\"", "prob_coat"), preds.get(0).toList());
        for (int i = 0; i < 200; i++) {
            CSVRecord row = preds.get(i + 1);
            assertEquals(i, Integer.parseInt(row.get(0)));
            assertEquals(NAMES.get(p.trueLabel(i)), row.get(2));
            assertEquals(p.predicted(i), Integer.parseInt(row.get(3)));
            assertEquals(p.predicted(i) == p.trueLabel(i), Boolean.parseBoolean(row.get(5)));
            for (int c = 0; c < 4; c++) {
                // Float scores read back exactly, written in float's short form.
                assertEquals((float) p.probability(i, c), Float.parseFloat(row.get(6 + c)));
                assertEquals(Float.toString((float) p.probability(i, c)), row.get(6 + c));
            }
        }

        JsonNode json = new ObjectMapper().readTree(run.resolve("metrics/test_metrics.json").toFile());
        assertEquals(report.accuracy(), json.get("metrics").get("accuracy").asDouble(), 1e-12);
        assertEquals(400, json.get("intervals").get("resamples").asInt());
        JsonNode auc = json.get("intervals").get("auc_ovr");
        assertTrue(auc.get("lower").asDouble() <= report.macroRocAuc() && report.macroRocAuc() <= auc.get("upper").asDouble());
        assertEquals(report.perClass().get(1).f1(), json.get("per_class").get(1).get("f1").asDouble(), 1e-12);
        assertEquals(m[2][3], json.get("confusion_matrix").get(2).get(3).asLong());

        BufferedImage cmPng = RobustnessReportsTest.png(run.resolve("figures/confusion_matrix.png"));
        assertEquals(ConfusionMatrixFigure.WIDTH, cmPng.getWidth());
        assertEquals(ConfusionMatrixFigure.HEIGHT, cmPng.getHeight());
        BufferedImage grid = RobustnessReportsTest.png(run.resolve("figures/prediction_grid.png"));
        assertEquals(SampleGridFigure.WIDTH, grid.getWidth());
        assertEquals(SampleGridFigure.height(16), grid.getHeight());

        String text = Files.readString(run.resolve("reports/classification_report.txt"), StandardCharsets.UTF_8);
        assertEquals(report.toText(), text);
        RobustnessReportsTest.noTemporaryFiles(run);
    }

    @Test
    void theGridShowsMistakesAndRightAnswersFixedByTheSeed() {
        Predictions p = predictions(200);
        LabelledImages images = images(p);
        List<SampleImage> grid = EvaluationReports.grid(p, images, 9);
        assertEquals(16, grid.size());
        assertEquals(8, grid.stream().filter(SampleImage::mistake).count());
        List<SampleImage> again = EvaluationReports.grid(p, images, 9);
        List<String> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        grid.forEach(s -> a.add(java.util.Arrays.toString(s.chw())));
        again.forEach(s -> b.add(java.util.Arrays.toString(s.chw())));
        EvaluationReports.grid(p, images, 10).forEach(s -> c.add(java.util.Arrays.toString(s.chw())));
        assertEquals(a, b);
        assertFalse(a.equals(c));
        // A perfect model: all right answers.
        Predictions perfect = ComparisonStatisticsTest.predictions(40, 1.0, 1);
        LabelledImages few = new LabelledImages(new float[40 * 4], perfect.trueLabels(), 1, 2, 2, perfect.classNames());
        assertEquals(0, EvaluationReports.grid(perfect, few, 1).stream().filter(SampleImage::mistake).count());
    }

    @Test
    void withoutImagesThereIsNoGridAndMismatchedImagesAreRefused() throws Exception {
        Predictions p = predictions(40);
        List<String> written = EvaluationReports.writeSuite(run, p, null, 1, 50);
        assertFalse(written.contains("figures/prediction_grid.png"));
        LabelledImages other = images(predictions(41));
        assertThrows(IllegalArgumentException.class, () -> EvaluationReports.writeSuite(run, p, other, 1, 50));
    }
}
