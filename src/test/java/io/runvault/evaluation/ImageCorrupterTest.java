package io.runvault.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runvault.datasets.FashionMnist;
import io.runvault.datasets.LabelledImages;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ImageCorrupterTest {

    private static final LabelledImages GREY = TestImages.make(24, 1, 28, 1);
    private static final LabelledImages RGB = TestImages.make(12, 3, 32, 2);

    static double meanAbsChange(LabelledImages a, LabelledImages b) {
        float[] x = a.copyOfPixels();
        float[] y = b.copyOfPixels();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(x[i] - y[i]);
        }
        return sum / x.length;
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void changeGrowsWithSeverity(Corruption corruption) {
        for (LabelledImages images : new LabelledImages[] {GREY, RGB}) {
            double previous = 0;
            for (int s = 1; s <= 5; s++) {
                double change = meanAbsChange(images, ImageCorrupter.apply(images, corruption, s, 7));
                assertTrue(change > previous, corruption + " severity " + s + " changes " + change
                        + ", not more than severity " + (s - 1) + " (" + previous + ") on " + images.channels() + " channels");
                previous = change;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void changeGrowsWithSeverityOnFashionMnist(Corruption corruption) throws java.io.IOException {
        assumeTrue(java.nio.file.Files.isDirectory(FashionMnist.DEBIAN_DIR), "dataset-fashion-mnist is not installed");
        LabelledImages real = FashionMnist.test(FashionMnist.DEBIAN_DIR).head(100);
        double previous = 0;
        for (int s = 1; s <= 5; s++) {
            double change = meanAbsChange(real, ImageCorrupter.apply(real, corruption, s, 7));
            assertTrue(change > previous, corruption + " severity " + s + ": " + change + " <= " + previous);
            previous = change;
        }
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void keepsShapeLabelsAndRange(Corruption corruption) {
        for (LabelledImages images : new LabelledImages[] {GREY, RGB}) {
            LabelledImages out = ImageCorrupter.apply(images, corruption, 5, 3);
            assertEquals(images.size(), out.size());
            assertEquals(images.channels(), out.channels());
            assertEquals(images.height(), out.height());
            assertEquals(images.width(), out.width());
            assertArrayEquals(images.labels(), out.labels());
            for (float v : out.copyOfPixels()) {
                assertTrue(v >= 0f && v <= 1f, corruption + " wrote " + v);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void sameSeedSameImagesAndTheInputIsUntouched(Corruption corruption) {
        float[] before = RGB.copyOfPixels().clone();
        LabelledImages a = ImageCorrupter.apply(RGB, corruption, 3, 11);
        LabelledImages b = ImageCorrupter.apply(RGB, corruption, 3, 11);
        assertArrayEquals(a.copyOfPixels(), b.copyOfPixels());
        assertArrayEquals(before, RGB.copyOfPixels());
        // A batch from the middle equals the same images of the whole-set call.
        float[] batch = ImageCorrupter.batch(RGB, 4, 9, corruption, 3, 11);
        assertArrayEquals(Arrays.copyOfRange(a.copyOfPixels(), 4 * RGB.imageSize(), 9 * RGB.imageSize()), batch);
    }

    @ParameterizedTest
    @EnumSource(value = Corruption.class, names = {"GAUSSIAN_NOISE", "SALT_AND_PEPPER", "ROTATION", "OCCLUSION"})
    void randomCorruptionsDependOnTheSeed(Corruption corruption) {
        assertFalse(Arrays.equals(ImageCorrupter.apply(GREY, corruption, 3, 1).copyOfPixels(),
                ImageCorrupter.apply(GREY, corruption, 3, 2).copyOfPixels()));
    }

    @Test
    void parametersFollowTheDocumentedTable() {
        assertEquals(0.08, Corruption.GAUSSIAN_NOISE.parameter(1));
        assertEquals(0.38, Corruption.GAUSSIAN_NOISE.parameter(5));
        assertEquals(0.27, Corruption.SALT_AND_PEPPER.parameter(5));
        assertEquals(0.05, Corruption.CONTRAST.parameter(5));
        assertEquals(7, Corruption.JPEG_COMPRESSION.parameter(5));
        assertEquals(Corruption.JPEG_COMPRESSION, Corruption.fromId("jpeg_compression"));
        assertThrows(IllegalArgumentException.class, () -> Corruption.BRIGHTNESS.parameter(6));
        assertThrows(IllegalArgumentException.class, () -> Corruption.fromId("fog"));
    }

    @Test
    void occlusionCoversTheSameAreaInEveryImage() {
        LabelledImages out = ImageCorrupter.apply(GREY, Corruption.OCCLUSION, 3, 5);
        int side = (int) Math.round(0.3 * 28);
        float[] values = out.copyOfPixels();
        for (int i = 0; i < GREY.size(); i++) {
            int grey = 0;
            for (int p = 0; p < GREY.imageSize(); p++) {
                if (values[i * GREY.imageSize() + p] == ImageCorrupter.OCCLUSION_GREY) {
                    grey++;
                }
            }
            assertTrue(grey >= side * side, "image " + i + " has " + grey + " grey pixels");
        }
    }

    @Test
    void saltAndPepperSetsAboutTheFractionOfPixels() {
        LabelledImages big = TestImages.make(200, 1, 28, 9);
        LabelledImages out = ImageCorrupter.apply(big, Corruption.SALT_AND_PEPPER, 4, 5);
        float[] after = out.copyOfPixels();
        float[] before = big.copyOfPixels();
        int extreme = 0;
        for (int i = 0; i < after.length; i++) {
            if (after[i] != before[i] && (after[i] == 0f || after[i] == 1f)) {
                extreme++;
            }
        }
        assertEquals(0.17, (double) extreme / after.length, 0.01);
    }

    @Test
    void contrastKeepsTheMeanAndBrightnessKeepsHue() {
        LabelledImages out = ImageCorrupter.apply(GREY, Corruption.CONTRAST, 2, 0);
        float[] before = GREY.copyOfPixels();
        float[] after = out.copyOfPixels();
        for (int i = 0; i < GREY.size(); i++) {
            double a = 0, b = 0;
            for (int p = 0; p < GREY.imageSize(); p++) {
                a += before[i * GREY.imageSize() + p];
                b += after[i * GREY.imageSize() + p];
            }
            assertEquals(a, b, 1e-3 * GREY.imageSize());
        }
        LabelledImages bright = ImageCorrupter.apply(RGB, Corruption.BRIGHTNESS, 1, 0);
        int plane = 32 * 32;
        // A pixel whose value stays below 1 keeps its colour ratios.
        float[] original = RGB.copyOfPixels();
        float[] brighter = bright.copyOfPixels();
        float r = original[0], g = original[plane], b = original[2 * plane];
        float r2 = brighter[0], g2 = brighter[plane], b2 = brighter[2 * plane];
        assertTrue(Math.max(r2, Math.max(g2, b2)) < 1f);
        assertEquals(r / b, r2 / b2, 1e-5);
        assertEquals(g / b, g2 / b2, 1e-5);
        assertEquals(Math.max(r, Math.max(g, b)) + 0.1, Math.max(r2, Math.max(g2, b2)), 1e-5);
    }
}
