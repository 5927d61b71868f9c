package io.runvault.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.datasets.LabelledImages;
import io.runvault.reports.SampleGridFigure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustnessReportsTest {

    @TempDir
    Path run;

    static BufferedImage png(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(img != null, file + " does not decode as an image");
        return img;
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.parse(r).getRecords();
        }
    }

    static void noTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "temporary files left");
        }
    }

    @Test
    void writesTheSuite() throws Exception {
        LabelledImages train = TestImages.make(60, 3, 32, 1);
        LabelledImages test = TestImages.make(24, 3, 32, 2);
        List<Corruption> some = List.of(Corruption.GAUSSIAN_NOISE, Corruption.BRIGHTNESS, Corruption.JPEG_COMPRESSION);
        RobustnessResult r = RobustnessEvaluation.run(new CentroidClassifier(train), test, 5, new int[] {1, 2, 3, 4, 5},
                some, 64, null);
        List<String> written = RobustnessReports.writeSuite(run, r, null);
        assertEquals(List.of("figures/robustness_accuracy.png", "figures/robustness_errors.png",
                "figures/corruptions/gaussian_noise.png", "figures/corruptions/brightness.png",
                "figures/corruptions/jpeg_compression.png", "reports/robustness.xlsx",
                "metrics/robustness_metrics.csv", "metrics/robustness_metrics.json"), written);

        BufferedImage acc = png(run.resolve("figures/robustness_accuracy.png"));
        assertEquals(RobustnessFigures.ACCURACY_WIDTH, acc.getWidth());
        assertEquals(RobustnessFigures.ACCURACY_HEIGHT, acc.getHeight());
        BufferedImage err = png(run.resolve("figures/robustness_errors.png"));
        assertEquals(RobustnessFigures.ERRORS_WIDTH, err.getWidth());
        assertEquals(RobustnessFigures.ERRORS_HEIGHT, err.getHeight());
        for (Corruption c : some) {
            BufferedImage grid = png(run.resolve("figures/corruptions/" + c.id() + ".png"));
            assertEquals(SampleGridFigure.WIDTH, grid.getWidth());
            assertEquals(SampleGridFigure.height(4 * 6), grid.getHeight(), "a clean row and five severity rows of four");
        }

        try (XSSFWorkbook wb = new XSSFWorkbook(run.resolve("reports/robustness.xlsx").toFile())) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertEquals(RobustnessWorkbook.SHEETS, sheets);
            Sheet summary = wb.getSheet("summary");
            assertEquals("images", summary.getRow(1).getCell(0).getStringCellValue());
            assertEquals(24, summary.getRow(1).getCell(1).getNumericCellValue());
            assertEquals("clean_accuracy", summary.getRow(6).getCell(0).getStringCellValue());
            assertEquals(r.cleanAccuracy(), summary.getRow(6).getCell(1).getNumericCellValue(), 1e-12);
            Sheet accuracy = wb.getSheet("accuracy");
            assertEquals(List.of("corruption", "clean", "s1", "s2", "s3", "s4", "s5", "mean"), texts(accuracy.getRow(0)));
            assertEquals(3, accuracy.getLastRowNum());
            Row noise = accuracy.getRow(1);
            assertEquals("gaussian_noise", noise.getCell(0).getStringCellValue());
            assertEquals(r.accuracy(Corruption.GAUSSIAN_NOISE, 3), noise.getCell(4).getNumericCellValue(), 1e-12);
            assertEquals(r.meanAccuracy(Corruption.GAUSSIAN_NOISE), noise.getCell(7).getNumericCellValue(), 1e-12);
            Row drop = wb.getSheet("relative_drop").getRow(2);
            assertEquals(r.relativeDrop(Corruption.BRIGHTNESS, 5), drop.getCell(6).getNumericCellValue(), 1e-12);
            Sheet errors = wb.getSheet("errors");
            assertEquals(List.of("corruption", "mean_accuracy", "mean_relative_drop", "ce", "relative_ce"), texts(errors.getRow(0)));
            CorruptionErrors own = CorruptionErrors.of(r, null);
            assertEquals(own.perCorruption().get(2).ce(), errors.getRow(3).getCell(3).getNumericCellValue(), 1e-12);
            assertEquals("mean", errors.getRow(4).getCell(0).getStringCellValue());
            assertEquals(own.mce(), errors.getRow(4).getCell(3).getNumericCellValue(), 1e-12);
            Row jpeg = wb.getSheet("parameters").getRow(8);
            assertEquals("jpeg_compression", jpeg.getCell(0).getStringCellValue());
            assertEquals(7, jpeg.getCell(5).getNumericCellValue());
        }

        List<CSVRecord> rows = csv(run.resolve("metrics/robustness_metrics.csv"));
        assertEquals(List.of("corruption", "severity", "parameter", "accuracy", "error", "relative_drop"), rows.get(0).toList());
        assertEquals(1 + 1 + 15, rows.size());
        assertEquals("clean", rows.get(1).get(0));
        assertEquals(r.cleanAccuracy(), Double.parseDouble(rows.get(1).get(3)), 1e-12);
        CSVRecord jpeg3 = rows.get(2 + 10 + 2);
        assertEquals(List.of("jpeg_compression", "3", "15.0"), jpeg3.toList().subList(0, 3));
        assertEquals(r.accuracy(Corruption.JPEG_COMPRESSION, 3), Double.parseDouble(jpeg3.get(3)), 1e-12);

        JsonNode json = new ObjectMapper().readTree(run.resolve("metrics/robustness_metrics.json").toFile());
        assertEquals(24, json.get("images").asInt());
        assertEquals(r.metrics().get("mce"), json.get("metrics").get("mce").asDouble(), 1e-12);
        assertEquals(r.accuracy(Corruption.BRIGHTNESS, 2), json.get("metrics").get("accuracy_brightness_s2").asDouble(), 1e-12);
        noTemporaryFiles(run);
    }

    @Test
    void withABaselineTheWorkbookAndJsonCarryBothErrors() throws Exception {
        RobustnessResult r = RobustnessEvaluationTest.handMade();
        ErrorBaseline base = ErrorBaseline.of("production v3", new RobustnessResult(TestImages.CLASSES, 3, 80, 100, List.of(
                new CorruptionAccuracy(Corruption.GAUSSIAN_NOISE, 1, 70, 100),
                new CorruptionAccuracy(Corruption.GAUSSIAN_NOISE, 2, 50, 100),
                new CorruptionAccuracy(Corruption.BRIGHTNESS, 1, 75, 100),
                new CorruptionAccuracy(Corruption.BRIGHTNESS, 2, 70, 100)), List.of(), java.util.Map.of()));
        List<String> written = RobustnessReports.writeSuite(run, r, base);
        assertTrue(written.stream().noneMatch(p -> p.startsWith("figures/corruptions/")), "no samples, no grids");
        CorruptionErrors vs = CorruptionErrors.of(r, base);
        try (XSSFWorkbook wb = new XSSFWorkbook(run.resolve("reports/robustness.xlsx").toFile())) {
            Sheet errors = wb.getSheet("errors");
            assertEquals("ce_vs_baseline", errors.getRow(0).getCell(5).getStringCellValue());
            // Noise: (0.2 + 0.4) / (0.3 + 0.5).
            assertEquals(0.75, errors.getRow(1).getCell(5).getNumericCellValue(), 1e-12);
            assertEquals(vs.mce(), errors.getRow(3).getCell(5).getNumericCellValue(), 1e-12);
            Sheet summary = wb.getSheet("summary");
            assertEquals("production v3", summary.getRow(13).getCell(1).getStringCellValue());
        }
        JsonNode json = new ObjectMapper().readTree(run.resolve("metrics/robustness_metrics.json").toFile());
        assertEquals("production v3", json.get("baseline").asText());
        assertEquals(vs.mce(), json.get("metrics").get("mce_vs_baseline").asDouble(), 1e-12);
        assertEquals(2.125, json.get("metrics").get("mce").asDouble(), 1e-12);
        assertEquals(RobustnessFigures.ERRORS_WIDTH, png(run.resolve("figures/robustness_errors.png")).getWidth());
    }

    @Test
    void undefinedErrorsAreEmptyCellsAndJsonNulls() throws Exception {
        RobustnessResult perfect = new RobustnessResult(TestImages.CLASSES, 3, 100, 100,
                List.of(new CorruptionAccuracy(Corruption.CONTRAST, 1, 70, 100)), List.of(), java.util.Map.of());
        RobustnessReports.writeSuite(run, perfect, null);
        try (XSSFWorkbook wb = new XSSFWorkbook(run.resolve("reports/robustness.xlsx").toFile())) {
            assertNull(wb.getSheet("errors").getRow(1).getCell(3));
        }
        JsonNode json = new ObjectMapper().readTree(run.resolve("metrics/robustness_metrics.json").toFile());
        assertTrue(json.get("metrics").get("mce").isNull());
        png(run.resolve("figures/robustness_errors.png"));
    }

    static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        row.forEach(c -> out.add(c.getStringCellValue()));
        return out;
    }
}
