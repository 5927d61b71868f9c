package io.runvault.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportsTest {

    @TempDir
    Path run;

    @Test
    void writesWorkbookFigureAndJson() throws Exception {
        List<ComparedModel> models = List.of(
                new ComparedModel("resnet18", ComparisonStatisticsTest.predictions(400, 0.9, 1)),
                new ComparedModel("yolo-cls", ComparisonStatisticsTest.predictions(400, 0.7, 2)),
                new ComparedModel("mobilenet", ComparisonStatisticsTest.predictions(400, 0.85, 3)));
        ComparisonResult r = ModelComparison.compare(models, 7, 300);
        List<SeedGroupSummary> groups = SeedGroups.summarize(List.of(
                new SeedRun("arch=resnet18", "results_4", 42, Map.of("accuracy", 0.672, "auc_ovr", 0.91)),
                new SeedRun("arch=resnet18", "results_5", 43, Map.of("accuracy", 0.634, "auc_ovr", 0.88)),
                new SeedRun("arch=vit", "results_7", 42, Map.of("accuracy", 0.7))));
        List<String> written = ComparisonReports.writeSuite(run, r, groups);
        assertEquals(List.of("figures/model_metrics.png", "reports/comparison.xlsx", "metrics/comparison.json"), written);

        BufferedImage png = RobustnessReportsTest.png(run.resolve("figures/model_metrics.png"));
        assertEquals(ComparisonFigure.WIDTH, png.getWidth());
        assertEquals(ComparisonFigure.HEIGHT, png.getHeight());

        try (XSSFWorkbook wb = new XSSFWorkbook(run.resolve("reports/comparison.xlsx").toFile())) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(s -> sheets.add(s.getSheetName()));
            assertEquals(ComparisonWorkbook.SHEETS, sheets);
            Sheet metrics = wb.getSheet("metrics");
            assertEquals(List.of("model", "accuracy", "accuracy_lower", "accuracy_upper", "macro_f1", "macro_f1_lower",
                    "macro_f1_upper", "auc_ovr", "auc_ovr_lower", "auc_ovr_upper"), RobustnessReportsTest.texts(metrics.getRow(0)));
            assertEquals(3, metrics.getLastRowNum());
            Row yolo = metrics.getRow(2);
            assertEquals("yolo-cls", yolo.getCell(0).getStringCellValue());
            ConfidenceInterval auc = r.models().get(1).metric("auc_ovr");
            assertEquals(auc.estimate(), yolo.getCell(7).getNumericCellValue(), 1e-12);
            assertEquals(auc.lower(), yolo.getCell(8).getNumericCellValue(), 1e-12);
            assertEquals(auc.upper(), yolo.getCell(9).getNumericCellValue(), 1e-12);

            Sheet pairs = wb.getSheet("pairwise_tests");
            assertEquals(3, pairs.getLastRowNum(), "three pairs of three models");
            Row first = pairs.getRow(1);
            PairwiseComparison p = r.pairs().get(0);
            assertEquals("resnet18", first.getCell(0).getStringCellValue());
            assertEquals("yolo-cls", first.getCell(1).getStringCellValue());
            assertEquals(p.mcnemar().b(), (long) first.getCell(2).getNumericCellValue());
            assertEquals(p.mcnemar().c(), (long) first.getCell(3).getNumericCellValue());
            assertEquals(p.mcnemar().exactP(), first.getCell(4).getNumericCellValue(), 1e-15);
            assertEquals("diff_macro_f1", pairs.getRow(0).getCell(11).getStringCellValue());
            assertEquals(p.difference("macro_f1").difference(), first.getCell(11).getNumericCellValue(), 1e-12);
            assertEquals(p.difference("auc_ovr").pValue(), first.getCell(18).getNumericCellValue(), 1e-12);

            Sheet seeds = wb.getSheet("seed_groups");
            assertEquals(List.of("group", "runs", "seeds", "accuracy_n", "accuracy_mean", "accuracy_std", "auc_ovr_n",
                    "auc_ovr_mean", "auc_ovr_std"), RobustnessReportsTest.texts(seeds.getRow(0)));
            Row resnet = seeds.getRow(1);
            assertEquals("results_4, results_5", resnet.getCell(1).getStringCellValue());
            assertEquals("42, 43", resnet.getCell(2).getStringCellValue());
            assertEquals(0.653, resnet.getCell(4).getNumericCellValue(), 1e-12);
            assertEquals(0.038 / Math.sqrt(2), resnet.getCell(5).getNumericCellValue(), 1e-12);
            Row vit = seeds.getRow(2);
            assertEquals(1, vit.getCell(3).getNumericCellValue());
            assertNull(vit.getCell(5), "one run: no standard deviation");
            assertEquals(0, vit.getCell(6).getNumericCellValue(), "the group has no AUC");

            Sheet settings = wb.getSheet("settings");
            assertEquals("resamples", settings.getRow(3).getCell(0).getStringCellValue());
            assertEquals(300, settings.getRow(3).getCell(1).getNumericCellValue());
        }

        JsonNode json = new ObjectMapper().readTree(run.resolve("metrics/comparison.json").toFile());
        assertEquals(300, json.get("resamples").asInt());
        assertEquals(r.models().get(0).metric("accuracy").lower(),
                json.get("models").get(0).get("accuracy").get("lower").asDouble(), 1e-12);
        assertEquals(r.pairs().get(2).mcnemar().exactP(), json.get("pairs").get(2).get("mcnemar").get("exact_p").asDouble(), 1e-15);
        assertTrue(json.get("seed_groups").get(1).get("metrics").get("accuracy").get("std").isNull());
        RobustnessReportsTest.noTemporaryFiles(run);
    }

    @Test
    void oneModelAndNoSeedGroups() throws Exception {
        ComparisonResult r = ModelComparison.compare(
                List.of(new ComparedModel("only", ComparisonStatisticsTest.predictions(50, 0.8, 1))), 1, 100);
        ComparisonReports.writeSuite(run, r, null);
        try (XSSFWorkbook wb = new XSSFWorkbook(run.resolve("reports/comparison.xlsx").toFile())) {
            assertEquals(0, wb.getSheet("pairwise_tests").getLastRowNum());
            assertEquals(0, wb.getSheet("seed_groups").getLastRowNum());
        }
        assertEquals(ComparisonFigure.WIDTH, RobustnessReportsTest.png(run.resolve("figures/model_metrics.png")).getWidth());
    }
}
