package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Group-aware stratified splits: no group (patient) on both sides. */
class SplitsByGroupTest {

    /** 60 patients with 2-9 images each; a patient's images are mostly of one class (three classes). */
    private static int[][] patients() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 0;
        int[] sizes = new int[60];
        for (int p = 0; p < 60; p++) {
            sizes[p] = 2 + random.nextInt(8);
            n += sizes[p];
        }
        int[] labels = new int[n];
        int[] groups = new int[n];
        int i = 0;
        for (int p = 0; p < 60; p++) {
            for (int k = 0; k < sizes[p]; k++) {
                groups[i] = p;
                labels[i] = k == 0 && p % 4 == 0 ? (p + 1) % 3 : p % 3;
                i++;
            }
        }
        return new int[][] {labels, groups};
    }

    @Test
    void noGroupIsOnBothSidesAndEveryItemIsOnOne() {
        int[][] d = patients();
        Splits.Indices split = Splits.byGroup(d[0], 3, d[1], 0.2, 42);
        assertEquals(d[0].length, split.train().length + split.val().length);
        Set<Integer> trainGroups = new HashSet<>();
        for (int i : split.train()) {
            trainGroups.add(d[1][i]);
        }
        Set<Integer> all = new HashSet<>();
        for (int i : split.val()) {
            assertTrue(!trainGroups.contains(d[1][i]), "group " + d[1][i] + " on both sides");
            all.add(i);
        }
        for (int i : split.train()) {
            assertTrue(all.add(i), "item " + i + " twice");
        }
    }

    @Test
    void roughlyKeepsTheClassProportions() {
        int[][] d = patients();
        int[] total = new int[3];
        for (int label : d[0]) {
            total[label]++;
        }
        Splits.Indices split = Splits.byGroup(d[0], 3, d[1], 0.2, 42);
        int[] val = new int[3];
        for (int i : split.val()) {
            val[d[0][i]]++;
        }
        for (int c = 0; c < 3; c++) {
            double share = (double) val[c] / total[c];
            assertTrue(Math.abs(share - 0.2) < 0.08, "class " + c + ": " + val[c] + " of " + total[c]);
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        int[][] d = patients();
        Splits.Indices a = Splits.byGroup(d[0], 3, d[1], 0.2, 7);
        Splits.Indices b = Splits.byGroup(d[0], 3, d[1], 0.2, 7);
        assertArrayEquals(a.val(), b.val());
        assertArrayEquals(a.train(), b.train());
        assertNotEquals(List.of(java.util.Arrays.toString(a.val())),
                List.of(java.util.Arrays.toString(Splits.byGroup(d[0], 3, d[1], 0.2, 8).val())));
    }

    @Test
    void bothSidesGetAGroupAndOneGroupCannotBeSplit() {
        int[] labels = {0, 0, 1, 1};
        Splits.Indices split = Splits.byGroup(labels, 2, new int[] {0, 0, 1, 1}, 0.1, 1);
        assertEquals(2, split.val().length);
        assertEquals(2, split.train().length);
        assertThrows(IllegalArgumentException.class, () -> Splits.byGroup(labels, 2, new int[] {5, 5, 5, 5}, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.byGroup(labels, 2, new int[] {0, 1, 0}, 0.2, 1));
    }

    @Test
    void imagesFollowTheirIndices() {
        int[][] d = patients();
        float[] px = new float[d[0].length];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        LabelledImages images = new LabelledImages(px, d[0], 1, 1, 1, List.of("a", "b", "c"));
        Splits.TrainVal split = Splits.byGroup(images, d[1], 0.25, 5);
        Splits.Indices idx = Splits.byGroup(d[0], 3, d[1], 0.25, 5);
        float[] val = split.val().copyOfPixels();
        for (int i = 0; i < idx.val().length; i++) {
            assertEquals(idx.val()[i], (int) val[i]);
        }
        assertEquals(idx.train().length, split.train().size());
    }
}
