package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes the suite; returns the relative paths written, in the order above. */
    public static List<String> writeSuite(Path runDir, TrainingSummary summary, List<SampleImage> samples)
            throws IOException {
        List<String> written = new ArrayList<>();
        write(runDir, "figures/confusion_matrix.png", written, out -> ConfusionMatrixFigure.writePng(summary.report(), out));
        write(runDir, "figures/training_curves.png", written, out -> TrainingCurvesFigure.writePng(summary.history(), out));
        write(runDir, "figures/training_curves.npz", written, out -> NpzWriter.write(out, summary.history().toNpz()));
        if (samples != null && !samples.isEmpty()) {
            write(runDir, "figures/sample_grid.png", written, out -> SampleGridFigure.writePng(samples, "Training samples", out));
        }
        write(runDir, "reports/training_summary.xlsx", written, out -> TrainingSummaryWorkbook.write(summary, out));
        write(runDir, "reports/classification_report.txt", written,
                out -> out.write(summary.report().toText().getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    private static void write(Path runDir, String relative, List<String> written, Body body) throws IOException {
        Path target = runDir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(relative);
    }
}
