package io.runvault.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

class TrainingSummaryWorkbookTest {

    static TrainingSummary summary(int predictions) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("architecture", "minicnn");
        hyper.put("lr", 0.001);
        hyper.put("weight_decay", 1e-5);
        hyper.put("batch_size", 128);
        hyper.put("epochs", 20);
        hyper.put("augment", true);
        hyper.put("seed", 42L);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("val_auc", 0.9912);
        metrics.put("val_accuracy", 0.9116);
        metrics.put("best_epoch", 15);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("total_seconds", 412.7);
        timings.put("seconds_per_epoch", 20.6);
        timings.put("started_at", java.time.Instant.parse("2026-11-24T10:15:00Z"));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", "17.0.21");
        env.put("djl", "0.32.0");
        env.put("device", "cpu");
        env.put("note", null);
        return TrainingSummary.of(hyper, metrics, timings, env, FashionFixtures.history(),
                FashionFixtures.predictions(predictions, 11));
    }

    @Test
    void sheetsAndCellsReadBack() throws IOException {
        TrainingSummary s = summary(2_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingSummaryWorkbook.write(s, out);
        Files.createDirectories(Path.of("target", "figures-preview"));
        Files.write(Path.of("target", "figures-preview", "training_summary.xlsx"), out.toByteArray());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(TrainingSummaryWorkbook.SHEETS, List.of(wb.getSheetName(0), wb.getSheetName(1),
                    wb.getSheetName(2), wb.getSheetName(3), wb.getSheetName(4)));
            for (Sheet sheet : wb) {
                Row header = sheet.getRow(0);
                assertTrue(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold(), sheet.getSheetName());
                PaneInformation pane = sheet.getPaneInformation();
                assertTrue(pane != null && pane.isFreezePane() && pane.getHorizontalSplitPosition() == 1,
                        sheet.getSheetName() + " header not frozen");
                assertTrue(sheet.getColumnWidth(0) >= 8 * 256, sheet.getSheetName());
            }

            Sheet summary = wb.getSheet("summary");
            assertEquals(List.of("section", "key", "value"), texts(summary.getRow(0), 3));
            Row lr = find(summary, "lr");
            assertEquals("hyperparameters", lr.getCell(0).getStringCellValue());
            assertEquals(CellType.NUMERIC, lr.getCell(2).getCellType());
            assertEquals(0.001, lr.getCell(2).getNumericCellValue());
            assertEquals(1e-5, find(summary, "weight_decay").getCell(2).getNumericCellValue());
            assertTrue(find(summary, "augment").getCell(2).getBooleanCellValue());
            assertEquals(0.9912, find(summary, "val_auc").getCell(2).getNumericCellValue());
            assertEquals("metrics", find(summary, "val_auc").getCell(0).getStringCellValue());
            assertEquals("2026-11-24T10:15:00Z", find(summary, "started_at").getCell(2).getStringCellValue());
            assertEquals(null, find(summary, "note").getCell(2));
            assertEquals(s.report().macroRocAuc(), find(summary, "macro_roc_auc_ovr").getCell(2).getNumericCellValue());
            assertEquals(2000.0, find(summary, "samples").getCell(2).getNumericCellValue());

            Sheet epochs = wb.getSheet("epochs");
            assertEquals(List.of("epoch", "train_loss", "val_loss", "train_auc", "val_auc", "val_accuracy", "lr"),
                    texts(epochs.getRow(0), 7));
            assertEquals(20, epochs.getLastRowNum());
            assertEquals(3.0, epochs.getRow(3).getCell(0).getNumericCellValue());
            assertEquals(s.history().get("val_auc")[2], epochs.getRow(3).getCell(4).getNumericCellValue());
            assertEquals(null, epochs.getRow(5).getCell(4), "NaN is an empty cell");
            assertEquals("0.0000", epochs.getRow(3).getCell(4).getCellStyle().getDataFormatString());

            Sheet perClass = wb.getSheet("per_class");
            assertEquals(List.of("class", "precision", "recall", "f1-score", "support", "roc_auc"), texts(perClass.getRow(0), 6));
            ClassificationReport.ClassMetrics shirt = s.report().perClass().get(6);
            Row shirtRow = perClass.getRow(7);
            assertEquals("Shirt", shirtRow.getCell(0).getStringCellValue());
            assertEquals(shirt.precision(), shirtRow.getCell(1).getNumericCellValue());
            assertEquals(shirt.recall(), shirtRow.getCell(2).getNumericCellValue());
            assertEquals(shirt.f1(), shirtRow.getCell(3).getNumericCellValue());
            assertEquals(200.0, shirtRow.getCell(4).getNumericCellValue());
            assertEquals(shirt.rocAuc(), shirtRow.getCell(5).getNumericCellValue());
            assertEquals("accuracy", perClass.getRow(11).getCell(0).getStringCellValue());
            assertEquals(s.report().accuracy(), perClass.getRow(11).getCell(3).getNumericCellValue());
            assertEquals("macro avg", perClass.getRow(12).getCell(0).getStringCellValue());
            assertEquals(s.report().macroAvg().f1(), perClass.getRow(12).getCell(3).getNumericCellValue());
            assertEquals(s.report().macroRocAuc(), perClass.getRow(12).getCell(5).getNumericCellValue());
            assertEquals("weighted avg", perClass.getRow(13).getCell(0).getStringCellValue());
            assertEquals(2000.0, perClass.getRow(13).getCell(4).getNumericCellValue());

            Sheet cm = wb.getSheet("confusion_matrix");
            assertEquals("T-shirt/top", cm.getRow(0).getCell(1).getStringCellValue());
            assertEquals("Ankle boot", cm.getRow(0).getCell(10).getStringCellValue());
            assertEquals("Shirt", cm.getRow(7).getCell(0).getStringCellValue());
            long[][] counts = s.report().confusionMatrix();
            assertEquals((double) counts[6][0], cm.getRow(7).getCell(1).getNumericCellValue()); // Shirt taken for T-shirt/top
            assertEquals((double) counts[6][6], cm.getRow(7).getCell(7).getNumericCellValue());
            assertEquals(CellType.NUMERIC, cm.getRow(1).getCell(1).getCellType());

            Sheet preds = wb.getSheet("val_predictions");
            assertEquals(List.of("index", "true_label", "true_class", "predicted_label", "predicted_class", "correct",
                    "prob_T-shirt/top"), texts(preds.getRow(0), 7));
            assertEquals("prob_Ankle boot", preds.getRow(0).getCell(15).getStringCellValue());
            assertEquals(2000, preds.getLastRowNum());
            Predictions p = s.predictions();
            int mistakes = 0;
            for (int i = 0; i < p.size(); i++) {
                Row row = preds.getRow(i + 1);
                assertEquals(i, (int) row.getCell(0).getNumericCellValue());
                assertEquals(p.trueLabel(i), (int) row.getCell(1).getNumericCellValue());
                assertEquals(p.predicted(i), (int) row.getCell(3).getNumericCellValue());
                assertEquals(p.trueLabel(i) == p.predicted(i), row.getCell(5).getBooleanCellValue());
                mistakes += row.getCell(5).getBooleanCellValue() ? 0 : 1;
            }
            assertEquals(FashionFixtures.CLASSES.get(p.trueLabel(17)), preds.getRow(18).getCell(2).getStringCellValue());
            assertEquals(p.probability(17, 4), preds.getRow(18).getCell(10).getNumericCellValue());
            assertEquals(Math.round((1 - s.report().accuracy()) * 2000), mistakes);
        }
    }

    @Test
    void sixtyThousandPredictionRowsStream() throws Exception {
        TrainingSummary s = summary(60_000);
        Path file = Files.createTempFile("training_summary", ".xlsx");
        try {
            TrainingSummaryWorkbook.write(s, file);
            // Read back with POI's streaming reader: a DOM of ~1M cells is what the writer avoids too.
            int[] rows = {0};
            String[] lastIndex = {null};
            try (OPCPackage pkg = OPCPackage.open(file.toFile())) {
                XSSFReader reader = new XSSFReader(pkg);
                XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
                while (sheets.hasNext()) {
                    try (InputStream in = sheets.next()) {
                        if (!sheets.getSheetName().equals("val_predictions")) {
                            continue;
                        }
                        SAXParserFactory f = SAXParserFactory.newInstance();
                        f.setNamespaceAware(true);
                        f.newSAXParser().parse(in, new DefaultHandler() {
                            boolean firstCellValue;
                            StringBuilder text = new StringBuilder();

                            @Override
                            public void startElement(String uri, String local, String q, Attributes a) {
                                if (local.equals("row")) {
                                    rows[0]++;
                                } else if (local.equals("c")) {
                                    firstCellValue = a.getValue("r") != null && a.getValue("r").matches("A\\d+");
                                } else if (local.equals("v")) {
                                    text.setLength(0);
                                }
                            }

                            @Override
                            public void characters(char[] ch, int start, int length) {
                                text.append(ch, start, length);
                            }

                            @Override
                            public void endElement(String uri, String local, String q) {
                                if (local.equals("v") && firstCellValue) {
                                    lastIndex[0] = text.toString();
                                }
                            }
                        });
                    }
                }
            }
            assertEquals(60_001, rows[0], "header + one row per prediction");
            assertEquals(59_999.0, Double.parseDouble(lastIndex[0]));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> texts(Row row, int n) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(row.getCell(i).getStringCellValue());
        }
        return out;
    }

    private static Row find(Sheet sheet, String key) {
        for (Row row : sheet) {
            if (row.getCell(1) != null && row.getCell(1).getCellType() == CellType.STRING
                    && row.getCell(1).getStringCellValue().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + sheet.getSheetName());
    }
}
