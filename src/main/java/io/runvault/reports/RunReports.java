package io.runvault.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the figures and reports of a training run's suite (DESIGN.md "Run layout") under a run
 * directory, each file through a temporary file renamed into place:
 * <pre>
 * figures/confusion_matrix.png  figures/training_curves.png  figures/training_curves.npz
 * figures/sample_grid.png       (when samples are given)
 * reports/training_summary.xlsx reports/classification_report.txt
 * </pre>
 */
public final class RunReports {

    private RunReports() {
    }

    /** Writes the suite; returns the relative paths written, in the order above. */
    public static List<String> writeSuite(Path runDir, TrainingSummary summary, List<SampleImage> samples)
            throws IOException {
        ReportFiles files = new ReportFiles(runDir);
        files.write("figures/confusion_matrix.png", out -> ConfusionMatrixFigure.writePng(summary.report(), out));
        files.write("figures/training_curves.png", out -> TrainingCurvesFigure.writePng(summary.history(), out));
        files.write("figures/training_curves.npz", out -> NpzWriter.write(out, summary.history().toNpz()));
        if (samples != null && !samples.isEmpty()) {
            files.write("figures/sample_grid.png", out -> SampleGridFigure.writePng(samples, "Training samples", out));
        }
        files.write("reports/training_summary.xlsx", out -> TrainingSummaryWorkbook.write(summary, out));
        files.write("reports/classification_report.txt", out -> out.write(summary.report().toText().getBytes(StandardCharsets.UTF_8)));
        return files.written();
    }
}
