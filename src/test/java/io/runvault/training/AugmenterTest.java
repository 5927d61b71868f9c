package io.runvault.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    /** A 4x4 image with a single bright pixel at (x=1, y=2). */
    static float[] dot() {
        float[] img = new float[16];
        img[2 * 4 + 1] = 1f;
        return img;
    }

    static int brightAt(float[] img) {
        for (int i = 0; i < img.length; i++) {
            if (img[i] == 1f) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void flipMirrorsHorizontally() {
        Augmenter flip = new Augmenter(new Augmentation(true, 0, 0, 0), 1, 4, 4);
        SplittableRandom random = new SplittableRandom(3);
        boolean sawFlip = false;
        boolean sawKeep = false;
        for (int i = 0; i < 20; i++) {
            float[] img = dot();
            flip.apply(img, 0, random);
            int at = brightAt(img);
            assertTrue(at == 2 * 4 + 1 || at == 2 * 4 + 2, "at " + at);
            sawFlip |= at == 2 * 4 + 2;
            sawKeep |= at == 2 * 4 + 1;
        }
        assertTrue(sawFlip && sawKeep);
    }

    @Test
    void translateShiftsWithinTheLimitAndFillsWithZero() {
        Augmenter shift = new Augmenter(new Augmentation(false, 1, 0, 0), 1, 4, 4);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 30; i++) {
            float[] img = dot();
            shift.apply(img, 0, random);
            int at = brightAt(img);
            int x = at % 4;
            int y = at / 4;
            assertTrue(Math.abs(x - 1) <= 1 && Math.abs(y - 2) <= 1, "moved to " + x + "," + y);
            assertEquals(1.0, sum(img), 1e-6); // still one pixel, the rest zero
        }
        float[] full = new float[16];
        Arrays.fill(full, 1f);
        int zeros = 0;
        for (int i = 0; i < 30; i++) {
            float[] img = full.clone();
            shift.apply(img, 0, random);
            zeros += 16 - (int) sum(img);
        }
        assertTrue(zeros > 0, "shifted borders are filled with 0");
    }

    @Test
    void noiseStaysInRangeAndAppliesOnlyAtTheOffset() {
        Augmenter noise = new Augmenter(new Augmentation(false, 0, 0, 0.5), 1, 2, 2);
        float[] buf = {0.5f, 0.5f, 0.5f, 0.5f, 0f, 1f, 0f, 1f};
        noise.apply(buf, 4, new SplittableRandom(1));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, Arrays.copyOf(buf, 4));
        for (int i = 4; i < 8; i++) {
            assertTrue(buf[i] >= 0 && buf[i] <= 1);
        }
        assertFalse(Arrays.equals(new float[] {0f, 1f, 0f, 1f}, Arrays.copyOfRange(buf, 4, 8)));
    }

    @Test
    void rotationKeepsTheCentreAndIsSeeded() {
        Augmenter rotate = new Augmenter(new Augmentation(false, 0, 30, 0), 1, 5, 5);
        float[] img = new float[25];
        img[12] = 1f; // the centre pixel stays put under any rotation
        float[] a = img.clone();
        float[] b = img.clone();
        rotate.apply(a, 0, new SplittableRandom(9));
        rotate.apply(b, 0, new SplittableRandom(9));
        assertEquals(1f, a[12]);
        assertArrayEquals(a, b);
    }

    static double sum(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return s;
    }

    @Test
    void shiftingAndFlippingPicksThePixelsTheRotationPathPicksAtAngleZero() {
        int c = 2;
        int h = 7;
        int w = 9;
        Augmenter augmenter = new Augmenter(new Augmentation(true, 3, 0, 0), c, h, w);
        float[] source = new float[5 + c * h * w];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < source.length; i++) {
            source[i] = (float) random.nextDouble();
        }
        for (boolean flip : new boolean[] {false, true}) {
            for (int dx = -3; dx <= 3; dx++) {
                for (int dy = -3; dy <= 3; dy++) {
                    float[] shifted = source.clone();
                    augmenter.copyToScratch(shifted, 5);
                    augmenter.shift(shifted, 5, flip, dx, dy);
                    float[] rotated = source.clone();
                    augmenter.copyToScratch(rotated, 5);
                    augmenter.rotate(rotated, 5, flip, dx, dy, 0);
                    assertArrayEquals(rotated, shifted, "flip " + flip + ", dx " + dx + ", dy " + dy);
                }
            }
        }
    }
}
