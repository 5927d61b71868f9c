package io.runvault.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PNG writers; each figure is also left in target/figures-preview/ to look at. */
class FiguresTest {

    static final Path PREVIEW = Path.of("target", "figures-preview");

    @BeforeAll
    static void previewFolder() throws IOException {
        Files.createDirectories(PREVIEW);
    }

    private static BufferedImage png(String name, IoWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        byte[] bytes = out.toByteArray();
        Files.write(PREVIEW.resolve(name), bytes);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(img, name + " does not decode as an image");
        return img;
    }

    interface IoWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Distinct colours in a region, sampled on a grid. */
    private static int colours(BufferedImage img, int x0, int y0, int x1, int y1) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = y0; y < y1; y += 2) {
            for (int x = x0; x < x1; x += 2) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    private static boolean hasDarkPixel(BufferedImage img, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                if (lum < 200) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void confusionMatrix() throws IOException {
        ClassificationReport report = ClassificationReport.of(FashionFixtures.predictions(10_000, 7));
        BufferedImage img = png("confusion_matrix.png", out -> ConfusionMatrixFigure.writePng(report, out));
        assertEquals(ConfusionMatrixFigure.WIDTH, img.getWidth());
        assertEquals(ConfusionMatrixFigure.HEIGHT, img.getHeight());
        assertTrue(colours(img, 0, 0, img.getWidth(), img.getHeight()) > 50, "image looks blank");
        // Class names on the left (true labels) and below (rotated predicted labels): dark text there.
        assertTrue(hasDarkPixel(img, 0, 100, 220, 600), "no y tick labels");
        assertTrue(hasDarkPixel(img, 200, 700, 900, 860), "no x tick labels");
        // The colour bar's top is the darkest blue.
        assertTrue(colours(img, 880, 70, 1000, 700) > 10, "no colour bar");
    }

    @Test
    void confusionMatrixShowsTheClassNames() {
        // The same matrix with other class names draws different pixels in the label areas only.
        long[][] m = {{5, 1}, {2, 7}};
        BufferedImage a = ConfusionMatrixFigure.render(List.of("Sneaker", "Bag"), m, "t");
        BufferedImage b = ConfusionMatrixFigure.render(List.of("Sneaker", "Bog"), m, "t");
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 20, "class names do not show: " + differing + " pixels differ");
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixFigure.render(List.of("a"), m, "t"));
    }

    @Test
    void manyClassesStillFit() throws IOException {
        List<String> names = new ArrayList<>();
        long[][] m = new long[40][40];
        for (int i = 0; i < 40; i++) {
            names.add("organ class " + i);
            m[i][i] = 100 + i;
            m[i][(i + 1) % 40] = i;
        }
        BufferedImage img = png("confusion_matrix_40.png", out -> Figures.writePng(ConfusionMatrixFigure.render(names, m, "40 classes"), out));
        assertEquals(ConfusionMatrixFigure.WIDTH, img.getWidth());
    }

    @Test
    void trainingCurvesPngAndNpz() throws IOException {
        TrainingHistory h = FashionFixtures.history();
        BufferedImage img = png("training_curves.png", out -> TrainingCurvesFigure.writePng(h, out));
        assertEquals(TrainingCurvesFigure.WIDTH, img.getWidth());
        assertEquals(TrainingCurvesFigure.HEIGHT, img.getHeight());
        assertTrue(colours(img, 0, 0, 700, 560) > 20 && colours(img, 700, 0, 1400, 560) > 20, "a panel looks blank");
        double[] valAuc = h.get("val_auc");
        int best = 0;
        for (int i = 1; i < valAuc.length; i++) {
            best = valAuc[i] > valAuc[best] ? i : best; // NaN compares false
        }
        assertEquals(best, h.bestIndex());
        ByteArrayOutputStream npz = new ByteArrayOutputStream();
        TrainingCurvesFigure.writeNpz(h, npz);
        Files.write(PREVIEW.resolve("training_curves.npz"), npz.toByteArray());
        Map<String, NpyArray> back = NpzReader.read(new ByteArrayInputStream(npz.toByteArray()), NpzReader.Limits.DEFAULT);
        assertEquals(List.of("epoch", "train_loss", "val_loss", "train_auc", "val_auc", "val_accuracy", "lr"),
                List.copyOf(back.keySet()));
        assertEquals(20.0, back.get("epoch").getDouble(19));
        assertTrue(Double.isNaN(back.get("val_auc").getDouble(4)));
        assertEquals(h.get("val_loss")[7], back.get("val_loss").getDouble(7));
    }

    @Test
    void trainingCurvesWithoutATrainMetric() throws IOException {
        TrainingHistory h = TrainingHistory.of("accuracy", Map.of("train_loss", new double[] {1, 0.5}, "val_accuracy",
                new double[] {0.6, 0.7}));
        BufferedImage img = png("training_curves_minimal.png", out -> TrainingCurvesFigure.writePng(h, out));
        assertEquals(TrainingCurvesFigure.WIDTH, img.getWidth());
        assertEquals(1, h.bestIndex());
    }

    @Test
    void sampleGrid() throws IOException {
        List<SampleImage> images = FashionFixtures.images(12);
        BufferedImage img = png("sample_grid.png", out -> SampleGridFigure.writePng(images, "Training samples", out));
        assertEquals(900, img.getWidth());
        assertEquals(900, img.getHeight());
        assertTrue(colours(img, 0, 60, 225, 270) > 5, "first image not drawn");
    }

    @Test
    void predictionGridMarksMistakesInRed() throws IOException {
        List<SampleImage> base = FashionFixtures.images(12);
        List<SampleImage> preds = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            SampleImage s = base.get(i);
            String predicted = i % 5 == 3 ? "Shirt" : s.label();
            // RGB for every other image, to cover the 3-channel path.
            float[] chw = s.chw();
            if (i % 2 == 1) {
                float[] rgb = new float[3 * chw.length];
                for (int j = 0; j < chw.length; j++) {
                    rgb[j] = chw[j];
                    rgb[chw.length + j] = chw[j] * 0.6f;
                    rgb[2 * chw.length + j] = 1 - chw[j];
                }
                preds.add(SampleImage.predicted(3, 28, 28, rgb, s.label(), predicted));
            } else {
                preds.add(SampleImage.predicted(1, 28, 28, chw, s.label(), predicted));
            }
        }
        BufferedImage img = png("prediction_grid.png", out -> SampleGridFigure.writePng(preds, "Validation predictions", out));
        assertEquals(SampleGridFigure.height(12), img.getHeight());
        // Image 3 (column 3, row 0) is a mistake: its frame is red.
        int frameX = 3 * SampleGridFigure.CELL_WIDTH + (SampleGridFigure.CELL_WIDTH - SampleGridFigure.IMAGE) / 2 - 3;
        int rgb = img.getRGB(frameX, SampleGridFigure.TITLE_HEIGHT + 8 + 50) & 0xFFFFFF;
        assertEquals(0xd62728, rgb, Integer.toHexString(rgb));
    }

    @Test
    void gridFromAMedmnistBatch() {
        byte[] px = new byte[2 * 28 * 28 * 3];
        px[(1 * 28 * 28 + 5 * 28 + 7) * 3 + 2] = (byte) 255;
        SampleImage s = SampleImage.fromUint8Batch(NpyArray.ofUint8(px, 2, 28, 28, 3), 1, "x");
        assertEquals(3, s.channels());
        assertEquals(1f, s.chw()[2 * 784 + 5 * 28 + 7]);
        assertEquals(0x0000FF, s.rgb(5, 7));
        assertThrows(IllegalArgumentException.class, () -> SampleImage.of(2, 28, 28, new float[2 * 784], "x"));
        assertThrows(IllegalArgumentException.class, () -> SampleImage.of(1, 28, 28, new float[10], "x"));
    }
}
