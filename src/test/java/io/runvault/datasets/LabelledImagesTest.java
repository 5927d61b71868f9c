package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Images kept as their 8-bit values give the same floats as images kept as floats, a quarter the size. */
class LabelledImagesTest {

    private static final List<String> CLASSES = List.of("a", "b");
    // Three 1x2x2 images; the values cover 0, 255 and bytes above 127 (negative as Java bytes).
    private static final byte[] BYTES = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255, 10, 20, 30, 40, 50, 60};
    private static final int[] LABELS = {1, 0, 1};

    private static LabelledImages asBytes() {
        return LabelledImages.ofUnsignedBytes(BYTES.clone(), LABELS.clone(), 1, 2, 2, CLASSES);
    }

    private static LabelledImages asFloats() {
        float[] values = new float[BYTES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (BYTES[i] & 0xff) / 255f;
        }
        return new LabelledImages(values, LABELS.clone(), 1, 2, 2, CLASSES);
    }

    @Test
    void bytesReadAsTheFloatsTheyStandFor() {
        assertArrayEquals(asFloats().copyOfPixels(), asBytes().copyOfPixels());
        assertEquals(1f, asBytes().copyOfPixels()[5]);
        assertEquals(128 / 255f, asBytes().copyOfPixels()[3]);
        assertArrayEquals(asFloats().pixels(1, 2), asBytes().pixels(1, 2));
    }

    @Test
    void copyPixelsWritesAtTheOffsetAndChecksBounds() {
        float[] into = new float[10];
        asBytes().copyPixels(2, 1, into, 3);
        assertArrayEquals(new float[] {0, 0, 0, 30 / 255f, 40 / 255f, 50 / 255f, 60 / 255f, 0, 0, 0}, into);
        assertThrows(IndexOutOfBoundsException.class, () -> asBytes().copyPixels(2, 2, new float[8], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> asBytes().copyPixels(0, 2, new float[7], 0));
    }

    @Test
    void bytesTakeAQuarterOfTheMemoryOfFloats() {
        assertEquals(12, asBytes().pixelBytes());
        assertEquals(48, asFloats().pixelBytes());
    }

    @Test
    void subsetsAndJoinsKeepTheStorage() {
        LabelledImages picked = asBytes().subset(new int[] {2, 0});
        assertEquals(8, picked.pixelBytes(), "still bytes");
        assertArrayEquals(new int[] {1, 1}, picked.labels());
        assertArrayEquals(asFloats().subset(new int[] {2, 0}).copyOfPixels(), picked.copyOfPixels());

        LabelledImages joined = asBytes().concat(picked);
        assertEquals(20, joined.pixelBytes(), "bytes joined with bytes stay bytes");
        assertArrayEquals(new int[] {1, 0, 1, 1, 1}, joined.labels());
        LabelledImages mixed = asBytes().concat(asFloats());
        assertEquals(4 * 24, mixed.pixelBytes(), "a join with floats is floats");
        assertArrayEquals(asFloats().concat(asFloats()).copyOfPixels(), mixed.copyOfPixels());
        assertThrows(IllegalArgumentException.class,
                () -> asBytes().concat(LabelledImages.ofUnsignedBytes(new byte[4], new int[] {0}, 1, 4, 1, CLASSES)));
    }

    @Test
    void theShapeIsCheckedAsForFloats() {
        assertThrows(IllegalArgumentException.class,
                () -> LabelledImages.ofUnsignedBytes(new byte[11], LABELS.clone(), 1, 2, 2, CLASSES));
        assertThrows(IllegalArgumentException.class,
                () -> LabelledImages.ofUnsignedBytes(new byte[12], new int[] {0, 2, 0}, 1, 2, 2, CLASSES));
    }
}
