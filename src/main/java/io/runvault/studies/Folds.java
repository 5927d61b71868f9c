package io.runvault.studies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded k-fold splits for cross-validation, stratified by class, and group-aware when groups are
 * given (all samples of a group, e.g. one patient's images, validate in the same fold and so never
 * sit on both sides of a fold). The same labels, groups, k and seed always give the same folds.
 */
public final class Folds {

    private Folds() {}

    /**
     * Stratified k folds: each class's samples are shuffled with {@code seed} and dealt to the folds in
     * turn (the dealing goes on across classes, so fold sizes differ by at most one).
     *
     * @param labels class of each sample (>= 0)
     */
    public static List<Fold> stratified(int[] labels, int k, long seed) {
        check(labels, k, labels.length, "samples");
        SplittableRandom random = new SplittableRandom(seed);
        int[] foldOf = new int[labels.length];
        int next = 0;
        for (int[] members : byClass(labels)) {
            shuffle(members, random);
            for (int i : members) {
                foldOf[i] = next;
                next = (next + 1) % k;
            }
        }
        return build(foldOf, k);
    }

    /**
     * Stratified group k folds (the greedy method of scikit-learn's StratifiedGroupKFold): groups are
     * shuffled with {@code seed}, taken in order of how concentrated their classes are (most
     * concentrated first, the hardest to balance), and each goes to the fold where the class
     * proportions across folds stay most even, ties to the smallest fold.
     *
     * @param groups group of each sample; null entries are an error
     */
    public static List<Fold> stratifiedGroups(int[] labels, Object[] groups, int k, long seed) {
        if (groups.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + groups.length + " groups");
        }
        Map<Object, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            Objects.requireNonNull(groups[i], "group of sample " + i);
            members.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
        }
        check(labels, k, members.size(), "groups");
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        List<int[]> groupCounts = new ArrayList<>();
        List<List<Integer>> groupMembers = new ArrayList<>(members.values());
        for (List<Integer> m : groupMembers) {
            int[] counts = new int[classes];
            m.forEach(i -> counts[labels[i]]++);
            groupCounts.add(counts);
        }
        Integer[] order = new Integer[groupMembers.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer g) -> -classSpread(groupCounts.get(g))));
        int[] classTotals = new int[classes];
        for (int y : labels) {
            classTotals[y]++;
        }
        int[][] foldCounts = new int[k][classes];
        int[] foldSizes = new int[k];
        int[] foldOf = new int[labels.length];
        for (int g : order) {
            int[] counts = groupCounts.get(g);
            int best = -1;
            double bestSpread = Double.POSITIVE_INFINITY;
            for (int f = 0; f < k; f++) {
                for (int c = 0; c < classes; c++) {
                    foldCounts[f][c] += counts[c];
                }
                double spread = meanClassSpreadOverFolds(foldCounts, classTotals);
                for (int c = 0; c < classes; c++) {
                    foldCounts[f][c] -= counts[c];
                }
                if (spread < bestSpread - 1e-12
                        || (Math.abs(spread - bestSpread) <= 1e-12 && foldSizes[f] < foldSizes[best])) {
                    best = f;
                    bestSpread = spread;
                }
            }
            for (int c = 0; c < classes; c++) {
                foldCounts[best][c] += counts[c];
            }
            for (int i : groupMembers.get(g)) {
                foldOf[i] = best;
                foldSizes[best]++;
            }
        }
        return build(foldOf, k);
    }

    /** Standard deviation of a group's class distribution (higher: more concentrated in few classes). */
    private static double classSpread(int[] counts) {
        int n = Arrays.stream(counts).sum();
        double[] p = Arrays.stream(counts).mapToDouble(c -> (double) c / n).toArray();
        return std(p);
    }

    /** For each class, the spread of its share across folds; averaged over classes. */
    private static double meanClassSpreadOverFolds(int[][] foldCounts, int[] classTotals) {
        double sum = 0;
        int classes = classTotals.length;
        for (int c = 0; c < classes; c++) {
            if (classTotals[c] == 0) {
                continue;
            }
            double[] share = new double[foldCounts.length];
            for (int f = 0; f < foldCounts.length; f++) {
                share[f] = (double) foldCounts[f][c] / classTotals[c];
            }
            sum += std(share);
        }
        return sum / classes;
    }

    private static double std(double[] v) {
        double mean = Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }

    private static void check(int[] labels, int k, int units, String what) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        if (k > units) {
            throw new IllegalArgumentException(k + " folds need at least " + k + " " + what + ", got " + units);
        }
        for (int y : labels) {
            if (y < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got " + y);
            }
        }
    }

    private static List<int[]> byClass(int[] labels) {
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> lists = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            lists.get(labels[i]).add(i);
        }
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static List<Fold> build(int[] foldOf, int k) {
        List<Fold> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int fold = f;
            int[] validation = java.util.stream.IntStream.range(0, foldOf.length).filter(i -> foldOf[i] == fold).toArray();
            int[] train = java.util.stream.IntStream.range(0, foldOf.length).filter(i -> foldOf[i] != fold).toArray();
            folds.add(new Fold(f, train, validation));
        }
        return folds;
    }
}
