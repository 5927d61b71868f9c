package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** 100 one-pixel images whose pixel encodes their index; classes 0:60, 1:30, 2:10. */
    static LabelledImages data() {
        float[] px = new float[100];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            px[i] = i / 100f;
            labels[i] = i < 60 ? 0 : i < 90 ? 1 : 2;
        }
        return new LabelledImages(px, labels, 1, 1, 1, List.of("a", "b", "c"));
    }

    @Test
    void keepsClassProportionsAndPartitions() {
        Splits.TrainVal split = Splits.stratified(data(), 0.2, 42);
        assertArrayEquals(new int[] {12, 6, 2}, split.val().classCounts());
        assertArrayEquals(new int[] {48, 24, 8}, split.train().classCounts());
        Set<Float> seen = new HashSet<>();
        for (float v : split.train().copyOfPixels()) {
            seen.add(v);
        }
        for (float v : split.val().copyOfPixels()) {
            seen.add(v);
        }
        assertEquals(100, seen.size()); // every image exactly once
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertEquals(Splits.stratified(data(), 0.2, 7), Splits.stratified(data(), 0.2, 7));
        assertNotEquals(Splits.stratified(data(), 0.2, 7).val(), Splits.stratified(data(), 0.2, 8).val());
    }

    @Test
    void rejectsBadFraction() {
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(data(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(data(), 1.5, 1));
    }

    @Test
    void recordChecksItsShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new LabelledImages(new float[3], new int[] {0, 0}, 1, 1, 1, List.of("a")));
        assertThrows(IllegalArgumentException.class,
                () -> new LabelledImages(new float[2], new int[] {0, 1}, 1, 1, 1, List.of("a")));
    }
}
