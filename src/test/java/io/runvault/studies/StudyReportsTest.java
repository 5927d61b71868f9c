package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study suite of a tuning run; each figure is also left in target/figures-preview/ to look at. */
class StudyReportsTest {

    static final Path PREVIEW = Path.of("target", "figures-preview");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeAll
    static void previewFolder() throws IOException {
        Files.createDirectories(PREVIEW);
    }

    static SearchSpace space() {
        Map<String, Distribution> m = new LinkedHashMap<>();
        m.put("learningRate", FloatDistribution.logUniform(1e-5, 1e-1));
        m.put("layers", IntDistribution.of(1, 8));
        m.put("optimizer", CategoricalDistribution.of("adam", "sgd", 0.5, null));
        return new SearchSpace(m);
    }

    /** Known objective, best near learningRate = 1e-3, layers = 4, optimizer adam. */
    static double objective(Map<String, Object> p) {
        double lr = Math.log10((Double) p.get("learningRate")) + 3;
        double layers = ((Long) p.get("layers")) - 4;
        double opt = "adam".equals(p.get("optimizer")) ? 0.5 : 0;
        return 1 - 0.1 * lr * lr - 0.02 * layers * layers + opt;
    }

    /** 30 random trials: every 7th pruned (after 2 reports), trial 5 failed, the rest complete. */
    static Study study(Direction direction) {
        SearchSpace space = space();
        Sampler sampler = new RandomSampler(11);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> p = sampler.sample(space, direction, trials, i);
            double v = objective(p);
            Trial t = Trial.running(i, p, space, T0.plusSeconds(100L * i));
            t = t.report(0, v * 0.5).report(1, v * 0.8);
            Instant end = T0.plusSeconds(100L * i + 40 + i);
            if (i == 5) {
                t = t.fail("CUDA out of memory", end);
            } else if (i % 7 == 3) {
                t = t.prune(end);
            } else {
                t = t.complete(v, end);
            }
            trials.add(t);
        }
        return new Study("fashion-search", new Objective("val_auc", direction), trials);
    }

    @Test
    void writesTheWholeSuite(@TempDir Path dir) throws Exception {
        Study study = study(Direction.MAXIMIZE);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("dataset", "fashion-mnist");
        base.put("epochs", 10);
        base.put("learningRate", 0.1);
        base.put("augment", Map.of("flip", true));
        List<String> written = StudyReports.writeSuite(dir, study, space(), 42, base);
        assertEquals(StudyReports.FILES, written);
        for (String f : written) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "temporary files left behind");
        }
        preview(dir, "");

        assertSize(dir, "figures/optimization_history.png", StudyFigures.HISTORY_WIDTH, StudyFigures.HISTORY_HEIGHT);
        assertSize(dir, "figures/param_importances.png", StudyFigures.IMPORTANCES_WIDTH, StudyFigures.IMPORTANCES_HEIGHT);
        assertSize(dir, "figures/slice.png", StudyFigures.SLICE_WIDTH, StudyFigures.sliceHeight(3));
        assertSize(dir, "figures/parallel_coordinate.png", StudyFigures.PARALLEL_WIDTH, StudyFigures.PARALLEL_HEIGHT);
        BufferedImage contour = assertSize(dir, "figures/contour.png", StudyFigures.CONTOUR_WIDTH, StudyFigures.CONTOUR_HEIGHT);
        assertTrue(colours(contour) > 40, "the contour surface should have many shades");

        Trial best = study.best().orElseThrow();

        // top_10_trials.xlsx: best first, sorted, params as columns; and every trial on the second sheet.
        try (InputStream in = Files.newInputStream(dir.resolve("reports/top_10_trials.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet top = wb.getSheet("top_10_trials");
            List<String> header = texts(top.getRow(0));
            assertEquals(List.of("rank", "number", "value", "learningRate", "layers", "optimizer", "duration_s",
                    "datetime_start"), header);
            assertEquals(10, top.getLastRowNum());
            assertEquals(best.number(), (int) top.getRow(1).getCell(1).getNumericCellValue());
            assertEquals(best.value(), top.getRow(1).getCell(2).getNumericCellValue(), 0);
            assertEquals((Double) best.params().get("learningRate"), top.getRow(1).getCell(3).getNumericCellValue(), 0);
            double previous = Double.POSITIVE_INFINITY;
            Set<Integer> numbers = new HashSet<>();
            for (int r = 1; r <= 10; r++) {
                Row row = top.getRow(r);
                assertEquals(r, (int) row.getCell(0).getNumericCellValue());
                double v = row.getCell(2).getNumericCellValue();
                assertTrue(v <= previous, "rows must be sorted best first");
                previous = v;
                int n = (int) row.getCell(1).getNumericCellValue();
                numbers.add(n);
                assertEquals(TrialState.COMPLETE, study.trials().get(n).state());
                assertEquals(40 + n, row.getCell(6).getNumericCellValue(), 1e-9, "duration");
            }
            assertEquals(10, numbers.size());
            Sheet all = wb.getSheet("all_trials");
            assertEquals(30, all.getLastRowNum());
            assertEquals("FAIL", all.getRow(6).getCell(1).getStringCellValue());
            assertEquals("PRUNED", all.getRow(4).getCell(1).getStringCellValue());
            int failureColumn = texts(all.getRow(0)).indexOf("failure_reason");
            assertEquals("CUDA out of memory", all.getRow(6).getCell(failureColumn).getStringCellValue());
            // A numeric choice is a number, a null choice an empty cell.
            for (Trial t : study.trials()) {
                Cell c = all.getRow(t.number() + 1).getCell(5);
                Object opt = t.params().get("optimizer");
                if (opt == null) {
                    assertTrue(c == null || c.getCellType() == CellType.BLANK, "trial " + t.number());
                } else if (opt instanceof Number n) {
                    assertEquals(n.doubleValue(), c.getNumericCellValue(), 0);
                } else {
                    assertEquals(opt, c.getStringCellValue());
                }
            }
        }

        // study_summary.json.
        JsonNode summary = JSON.readTree(dir.resolve("reports/study_summary.json").toFile());
        assertEquals("fashion-search", summary.get("study_name").asText());
        assertEquals("MAXIMIZE", summary.get("direction").asText());
        assertEquals("val_auc", summary.get("metric").asText());
        assertEquals(30, summary.get("n_trials").asInt());
        assertEquals(1, summary.get("counts").get("FAIL").asInt());
        assertEquals(4, summary.get("counts").get("PRUNED").asInt());
        assertEquals(25, summary.get("counts").get("COMPLETE").asInt());
        assertEquals(0, summary.get("counts").get("WAITING").asInt());
        assertEquals(best.number(), summary.get("best_trial").get("number").asInt());
        assertEquals(best.value(), summary.get("best_trial").get("value").asDouble(), 0);
        assertEquals(best.params().get("optimizer"), YAML.treeToValue(summary.get("best_trial").get("params").get("optimizer"), Object.class));
        assertEquals(30, summary.get("trials").size());
        JsonNode failed = summary.get("trials").get(5);
        assertEquals("FAIL", failed.get("state").asText());
        assertTrue(failed.get("value").isNull());
        assertEquals("CUDA out of memory", failed.get("failure_reason").asText());
        assertEquals(2, failed.get("intermediate_values").size());
        assertEquals(Instant.parse(failed.get("datetime_start").asText()), study.trials().get(5).datetimeStart());
        JsonNode importance = summary.get("param_importances");
        assertEquals("fANOVA", importance.get("method").asText());
        assertEquals(42, importance.get("seed").asLong());
        assertEquals(3, importance.get("values").size());

        // best_config.yaml: the base, with the best trial's parameters put in.
        String yamlText = Files.readString(dir.resolve("reports/best_config.yaml"));
        assertTrue(yamlText.startsWith("# Best trial " + best.number() + " of study fashion-search"), yamlText);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = YAML.readValue(yamlText, Map.class);
        assertEquals("fashion-mnist", config.get("dataset"));
        assertEquals(10, config.get("epochs"));
        assertEquals(Map.of("flip", true), config.get("augment"));
        assertEquals((Double) best.params().get("learningRate"), ((Number) config.get("learningRate")).doubleValue(), 0);
        assertEquals(((Long) best.params().get("layers")).intValue(), ((Number) config.get("layers")).intValue());
        Object opt = best.params().get("optimizer");
        Object read = config.get("optimizer");
        assertTrue(opt instanceof Number n ? ((Number) read).doubleValue() == n.doubleValue() : java.util.Objects.equals(opt, read),
                opt + " vs " + read);
        assertEquals(0.1, base.get("learningRate"), "the caller's base configuration is not changed");
    }

    @Test
    void importanceRankingIsStableForASeed(@TempDir Path dir) throws IOException {
        Study study = study(Direction.MAXIMIZE);
        StudyReports.writeSuite(dir.resolve("a"), study, space(), 7);
        StudyReports.writeSuite(dir.resolve("b"), study, space(), 7);
        JsonNode a = JSON.readTree(dir.resolve("a/reports/study_summary.json").toFile()).get("param_importances");
        JsonNode b = JSON.readTree(dir.resolve("b/reports/study_summary.json").toFile()).get("param_importances");
        assertEquals(a, b);
        // The importance figure is the same image (pixels, not bytes).
        BufferedImage ia = ImageIO.read(dir.resolve("a/figures/param_importances.png").toFile());
        BufferedImage ib = ImageIO.read(dir.resolve("b/figures/param_importances.png").toFile());
        for (int y = 0; y < ia.getHeight(); y += 3) {
            for (int x = 0; x < ia.getWidth(); x += 3) {
                assertEquals(ia.getRGB(x, y), ib.getRGB(x, y));
            }
        }
    }

    @Test
    void minimizingSortsAscending(@TempDir Path dir) throws IOException {
        Study study = study(Direction.MINIMIZE);
        StudyReports.writeSuite(dir, study, space(), 1);
        try (InputStream in = Files.newInputStream(dir.resolve("reports/top_10_trials.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet top = wb.getSheet("top_10_trials");
            assertEquals(study.best().orElseThrow().number(), (int) top.getRow(1).getCell(1).getNumericCellValue());
            for (int r = 2; r <= 10; r++) {
                assertTrue(top.getRow(r).getCell(2).getNumericCellValue() >= top.getRow(r - 1).getCell(2).getNumericCellValue());
            }
        }
    }

    @Test
    void noCompletedTrials(@TempDir Path dir) throws Exception {
        SearchSpace space = space();
        Sampler sampler = new RandomSampler(2);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Trial t = Trial.running(i, sampler.sample(space, Direction.MAXIMIZE, trials, i), space, T0);
            t = i == 0 ? t.prune(T0.plusSeconds(5)) // pruned without a report: no value
                    : i == 1 ? t.report(0, Double.NaN).prune(T0.plusSeconds(5)) // NaN value
                    : i == 2 ? t.report(0, 0.4).prune(T0.plusSeconds(5))
                    : t.fail("diverged", T0.plusSeconds(5));
            trials.add(t);
        }
        trials.add(new Trial(4, TrialState.WAITING, Map.of(), Map.of(), null, null, null, null, null, null));
        // A COMPLETE trial with a NaN value (Trial.complete would have failed it; a caller can build one).
        Trial nan = Trial.running(5, sampler.sample(space, Direction.MAXIMIZE, trials, 5), space, T0);
        trials.add(new Trial(5, TrialState.COMPLETE, nan.params(), nan.distributions(), Double.NaN, null, T0,
                T0.plusSeconds(9), null, null));
        Study study = new Study("nothing-done", new Objective("val_loss", Direction.MINIMIZE), trials);
        Map<String, Object> base = Map.of("epochs", 3);
        List<String> written = StudyReports.writeSuite(dir, study, space, 5, base);
        assertEquals(StudyReports.FILES, written);
        preview(dir, "none_");
        assertSize(dir, "figures/optimization_history.png", StudyFigures.HISTORY_WIDTH, StudyFigures.HISTORY_HEIGHT);
        assertSize(dir, "figures/param_importances.png", StudyFigures.IMPORTANCES_WIDTH, StudyFigures.IMPORTANCES_HEIGHT);
        assertSize(dir, "figures/slice.png", StudyFigures.SLICE_WIDTH, StudyFigures.sliceHeight(3));
        assertSize(dir, "figures/parallel_coordinate.png", StudyFigures.PARALLEL_WIDTH, StudyFigures.PARALLEL_HEIGHT);
        assertSize(dir, "figures/contour.png", StudyFigures.CONTOUR_WIDTH, StudyFigures.CONTOUR_HEIGHT);

        JsonNode summary = JSON.readTree(dir.resolve("reports/study_summary.json").toFile());
        assertTrue(summary.get("best_trial").isNull());
        assertTrue(summary.get("param_importances").get("values").isNull());
        assertEquals("no completed trials", summary.get("param_importances").get("reason").asText());
        assertEquals("NaN", summary.get("trials").get(1).get("value").asText());
        assertEquals(1, summary.get("counts").get("WAITING").asInt());
        assertEquals(1, summary.get("counts").get("COMPLETE").asInt());
        assertEquals("NaN", summary.get("trials").get(5).get("value").asText());
        String yamlText = Files.readString(dir.resolve("reports/best_config.yaml"));
        assertTrue(yamlText.startsWith("# Study nothing-done has no completed trial"), yamlText);
        assertEquals(base, YAML.readValue(yamlText, Map.class));
        try (InputStream in = Files.newInputStream(dir.resolve("reports/top_10_trials.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(0, wb.getSheet("top_10_trials").getLastRowNum());
            assertEquals(6, wb.getSheet("all_trials").getLastRowNum());
        }
        // The database is what Optuna would have: the NaN-pruned trial without a value.
        assertNull(StudyReports.forOptuna(study).trials().get(1).value());
        assertEquals(TrialState.FAIL, StudyReports.forOptuna(study).trials().get(5).state());
        assertLoadsInOptuna(dir.resolve("database/study.db"), study.name(), 6, null);
    }

    @Test
    void oneParameterAndOneTrial(@TempDir Path dir) throws Exception {
        SearchSpace space = new SearchSpace(Map.of("dropout", FloatDistribution.uniform(0, 0.5)));
        Trial t = Trial.running(0, Map.of("dropout", 0.25), space, T0).complete(0.8, T0.plusSeconds(3));
        Study study = new Study("single", new Objective("val_auc", Direction.MAXIMIZE), List.of(t));
        StudyReports.writeSuite(dir, study, space, 3, Map.of("dropout", 0.0, "model", Map.of("name", "resnet")));
        preview(dir, "single_");
        assertSize(dir, "figures/slice.png", StudyFigures.SLICE_WIDTH, StudyFigures.sliceHeight(1));
        assertSize(dir, "figures/contour.png", StudyFigures.CONTOUR_WIDTH, StudyFigures.CONTOUR_HEIGHT);
        assertSize(dir, "figures/parallel_coordinate.png", StudyFigures.PARALLEL_WIDTH, StudyFigures.PARALLEL_HEIGHT);
        JsonNode summary = JSON.readTree(dir.resolve("reports/study_summary.json").toFile());
        assertEquals(0, summary.get("best_trial").get("number").asInt());
        assertTrue(summary.get("param_importances").get("reason").asText().contains("at least 2 completed trials"));
        Map<?, ?> config = YAML.readValue(dir.resolve("reports/best_config.yaml").toFile(), Map.class);
        assertEquals(0.25, ((Number) config.get("dropout")).doubleValue());
        assertEquals(Map.of("name", "resnet"), config.get("model"));
    }

    @Test
    void dottedParameterNamesSetNestedKeys() {
        SearchSpace space = new SearchSpace(Map.of("optimizer.lr", FloatDistribution.logUniform(1e-4, 1e-1)));
        Trial t = Trial.running(0, Map.of("optimizer.lr", 1e-3), space, T0).complete(0.8, T0);
        Study study = new Study("nested", new Objective("val_auc", Direction.MAXIMIZE), List.of(t));
        Map<String, Object> base = Map.of("optimizer", Map.of("name", "adam", "lr", 0.1));
        assertEquals(Map.of("optimizer", Map.of("name", "adam", "lr", 1e-3)), StudyReports.bestConfig(study, base));
    }

    @Test
    void yamlFloatsArePlainDecimalsThatReadBackAsFloats(@TempDir Path dir) throws Exception {
        SearchSpace space = new SearchSpace(Map.of("lr", FloatDistribution.logUniform(1e-6, 1e-1)));
        Trial t = Trial.running(0, Map.of("lr", 1e-4), space, T0).complete(0.8, T0);
        Study study = new Study("floats", new Objective("val_auc", Direction.MAXIMIZE), List.of(t));
        StudyReports.writeSuite(dir, study, space, 1, Map.of("big", 1.0e10, "small", 2.5e-7));
        String text = Files.readString(dir.resolve("reports/best_config.yaml"));
        assertFalse(text.contains("E"), text);
        Map<?, ?> config = YAML.readValue(text, Map.class);
        assertEquals(1e-4, ((Number) config.get("lr")).doubleValue());
        assertEquals(2.5e-7, ((Number) config.get("small")).doubleValue());
        assertTrue(text.contains("big: 10000000000.0"), text);
    }

    @Test
    void inverseDistanceWeightingIsExactAtPointsAndBoundedBetween() {
        List<double[]> points = List.of(new double[] {0, 0, 1}, new double[] {1, 1, 3});
        assertEquals(1, StudyFigures.idw(points, 0, 0, 2));
        assertEquals(3, StudyFigures.idw(points, 1, 1, 2));
        assertEquals(2, StudyFigures.idw(points, 0.5, 0.5, 2), 1e-12);
        double near = StudyFigures.idw(points, 0.1, 0.1, 2);
        assertTrue(near > 1 && near < 2, "closer to the first point: " + near);
        // Trials sharing a position (discrete parameters): their mean there.
        List<double[]> shared = List.of(new double[] {0, 0, 1}, new double[] {0, 0, 2}, new double[] {1, 1, 9});
        assertEquals(1.5, StudyFigures.idw(shared, 0, 0, 2));
    }

    @Test
    void databaseLoadsInOptuna(@TempDir Path dir) throws Exception {
        Study study = study(Direction.MAXIMIZE);
        StudyReports.writeSuite(dir, study, space(), 42);
        assertLoadsInOptuna(dir.resolve("database/study.db"), study.name(), 30, study.best().orElseThrow().number());
    }

    // ---------------------------------------------------------------- helpers

    private static void assertLoadsInOptuna(Path db, String name, int trials, Integer best) throws Exception {
        Assumptions.assumeTrue(optunaAvailable(), "Debian's python3-optuna is not installed");
        String script = """
                import json, sys, optuna
                optuna.logging.set_verbosity(optuna.logging.WARNING)
                s = optuna.load_study(study_name=sys.argv[2], storage="sqlite:///" + sys.argv[1])
                done = [t for t in s.trials if t.state == optuna.trial.TrialState.COMPLETE]
                print(json.dumps({"n": len(s.trials), "best": s.best_trial.number if done else None}))
                """;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, db.toString(), name)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "optuna did not finish");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.strip().split("\n");
        JsonNode seen = JSON.readTree(lines[lines.length - 1]);
        assertEquals(trials, seen.get("n").asInt());
        if (best == null) {
            assertTrue(seen.get("best").isNull());
        } else {
            assertEquals(best.intValue(), seen.get("best").asInt());
        }
    }

    private static boolean optunaAvailable() {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import optuna").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static BufferedImage assertSize(Path dir, String png, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
        assertNotNull(img, png + " does not decode as an image");
        assertEquals(width, img.getWidth(), png);
        assertEquals(height, img.getHeight(), png);
        assertTrue(colours(img) > 3, png + " looks blank");
        return img;
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        for (Cell c : row) {
            out.add(c.getStringCellValue());
        }
        return out;
    }

    private static void preview(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("figures"))) {
            for (Path f : files.toList()) {
                Files.copy(f, PREVIEW.resolve("study_" + prefix + f.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertFalse(Files.exists(dir.resolve("figures").resolve(".tmp")));
    }
}
