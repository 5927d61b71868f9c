package io.runvault.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportsTest {

    @TempDir
    Path run;

    @Test
    void writesTheSuite() throws IOException {
        TrainingSummary s = TrainingSummaryWorkbookTest.summary(500);
        List<String> written = RunReports.writeSuite(run, s, FashionFixtures.images(12));
        assertEquals(List.of("figures/confusion_matrix.png", "figures/training_curves.png", "figures/training_curves.npz",
                "figures/sample_grid.png", "reports/training_summary.xlsx", "reports/classification_report.txt"), written);
        assertEquals(ConfusionMatrixFigure.WIDTH, ImageIO.read(run.resolve("figures/confusion_matrix.png").toFile()).getWidth());
        assertEquals(TrainingCurvesFigure.HEIGHT, ImageIO.read(run.resolve("figures/training_curves.png").toFile()).getHeight());
        assertNotNull(ImageIO.read(run.resolve("figures/sample_grid.png").toFile()));
        assertEquals(7, NpzReader.read(run.resolve("figures/training_curves.npz")).size());
        try (XSSFWorkbook wb = new XSSFWorkbook(run.resolve("reports/training_summary.xlsx").toFile())) {
            assertEquals(500, wb.getSheet("val_predictions").getLastRowNum());
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
        String text = Files.readString(run.resolve("reports/classification_report.txt"), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("              precision    recall  f1-score   support\n"), text);
        assertTrue(text.contains("  Ankle boot "));
        try (Stream<Path> files = Files.walk(run)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary files left");
        }
    }
}
