package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FoldsTest {

    /** 3 classes in proportions 60/30/10. */
    static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2;
        }
        return y;
    }

    static void assertPartition(List<Fold> folds, int n) {
        int[] seen = new int[n];
        for (Fold f : folds) {
            Set<Integer> val = new HashSet<>();
            for (int i : f.validation()) {
                val.add(i);
                seen[i]++;
            }
            for (int i : f.train()) {
                assertTrue(!val.contains(i), "sample " + i + " on both sides of fold " + f.index());
            }
            assertEquals(n, f.train().length + f.validation().length);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen[i], "sample " + i + " validates in exactly one fold");
        }
    }

    @Test
    void stratifiedFoldsPartitionTheDataAndKeepClassProportions() {
        int[] y = labels(1000);
        List<Fold> folds = Folds.stratified(y, 5, 42);
        assertEquals(5, folds.size());
        assertPartition(folds, y.length);
        for (Fold f : folds) {
            assertEquals(200, f.validation().length);
            int[] counts = new int[3];
            for (int i : f.validation()) {
                counts[y[i]]++;
            }
            assertEquals(120, counts[0], 1);
            assertEquals(60, counts[1], 1);
            assertEquals(20, counts[2], 1);
        }
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        int[] y = labels(300);
        assertEquals(Folds.stratified(y, 4, 7), Folds.stratified(y, 4, 7));
        assertNotEquals(Folds.stratified(y, 4, 7), Folds.stratified(y, 4, 8));
        Object[] g = groups(300, 40, 1);
        assertEquals(Folds.stratifiedGroups(y, g, 4, 7), Folds.stratifiedGroups(y, g, 4, 7));
        assertNotEquals(Folds.stratifiedGroups(y, g, 4, 7), Folds.stratifiedGroups(y, g, 4, 8));
    }

    static Object[] groups(int n, int groups, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Object[] g = new Object[n];
        for (int i = 0; i < n; i++) {
            g[i] = "patient-" + random.nextInt(groups);
        }
        return g;
    }

    @Test
    void noGroupOnBothSidesAndClassesStayBalanced() {
        int n = 2000;
        int[] y = labels(n);
        Object[] g = groups(n, 100, 3);
        List<Fold> folds = Folds.stratifiedGroups(y, g, 5, 11);
        assertPartition(folds, n);
        for (Fold f : folds) {
            Set<Object> valGroups = new HashSet<>();
            for (int i : f.validation()) {
                valGroups.add(g[i]);
            }
            for (int i : f.train()) {
                assertTrue(!valGroups.contains(g[i]), g[i] + " is on both sides of fold " + f.index());
            }
            int[] counts = new int[3];
            for (int i : f.validation()) {
                counts[y[i]]++;
            }
            double share0 = (double) counts[0] / f.validation().length;
            assertEquals(0.6, share0, 0.05, "class 0 share in fold " + f.index());
            assertEquals(400, f.validation().length, 60);
        }
    }

    @Test
    void groupsThatAreOneClassEachStillSpreadEveryClassOverTheFolds() {
        int n = 600;
        int[] y = new int[n];
        Object[] g = new Object[n];
        for (int i = 0; i < n; i++) {
            g[i] = i / 10;
            y[i] = (i / 10) % 3;
        }
        List<Fold> folds = Folds.stratifiedGroups(y, g, 4, 1);
        assertPartition(folds, n);
        for (Fold f : folds) {
            int[] counts = new int[3];
            for (int i : f.validation()) {
                counts[y[i]]++;
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(50, counts[c], 10, "class " + c + " in fold " + f.index());
            }
        }
    }

    @Test
    void refusesImpossibleSplits() {
        assertThrows(IllegalArgumentException.class, () -> Folds.stratified(labels(10), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Folds.stratified(labels(3), 5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Folds.stratifiedGroups(labels(10), new Object[] {1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Folds.stratifiedGroups(labels(10), new Object[3], 2, 0));
    }
}
