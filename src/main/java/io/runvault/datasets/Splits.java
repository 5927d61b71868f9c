package io.runvault.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded, stratified splits of a {@link LabelledImages} set, optionally keeping groups (e.g. patients) whole. */
public final class Splits {

    /** A training part and a validation part. */
    public record TrainVal(LabelledImages train, LabelledImages val) {}

    /** The positions (ascending) that go to each part. */
    public record Indices(int[] train, int[] val) {}

    private Splits() {}

    /**
     * Splits every class separately so that both parts keep the class proportions: each class's
     * indices are shuffled with {@code seed} and {@code round(count * valFraction)} of them (at least
     * one when the class has two or more images) go to validation. Within each part the images keep
     * their original order. The same data, fraction and seed always give the same split.
     */
    public static TrainVal stratified(LabelledImages data, double valFraction, long seed) {
        return apply(data, stratified(data.labels(), data.numClasses(), valFraction, seed));
    }

    /** {@link #stratified(LabelledImages, double, long)} on labels alone. */
    public static Indices stratified(int[] labels, int numClasses, double valFraction, long seed) {
        checkFraction(valFraction);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] isVal = new boolean[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (List<Integer> members : byClass) {
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            shuffle(idx, random);
            int nVal = (int) Math.round(idx.length * valFraction);
            if (nVal == 0 && idx.length >= 2) {
                nVal = 1;
            }
            if (nVal == idx.length && idx.length >= 2) {
                nVal = idx.length - 1;
            }
            for (int i = 0; i < nVal; i++) {
                isVal[idx[i]] = true;
            }
        }
        return partition(isVal);
    }

    /**
     * Like {@link #stratified(LabelledImages, double, long)}, but every group ({@code groups[i]} is
     * image i's group, e.g. a patient) lands wholly on one side, so no group is in both parts.
     * Groups are visited largest first (ties in an order shuffled by {@code seed}); each goes to
     * validation when that brings the per-class validation counts closer to {@code count * valFraction}.
     * Both parts get at least one group; fewer than two groups cannot be split.
     */
    public static TrainVal byGroup(LabelledImages data, int[] groups, double valFraction, long seed) {
        return apply(data, byGroup(data.labels(), data.numClasses(), groups, valFraction, seed));
    }

    /** {@link #byGroup(LabelledImages, int[], double, long)} on labels and groups alone. */
    public static Indices byGroup(int[] labels, int numClasses, int[] groups, double valFraction, long seed) {
        checkFraction(valFraction);
        if (groups.length != labels.length) {
            throw new IllegalArgumentException(groups.length + " groups for " + labels.length + " items");
        }
        int maxGroup = Arrays.stream(groups).max().orElse(-1);
        int[][] perClass = new int[maxGroup + 1][];
        int[] sizes = new int[maxGroup + 1];
        double[] targets = new double[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (groups[i] < 0) {
                throw new IllegalArgumentException("negative group id " + groups[i]);
            }
            if (perClass[groups[i]] == null) {
                perClass[groups[i]] = new int[numClasses];
            }
            perClass[groups[i]][labels[i]]++;
            sizes[groups[i]]++;
            targets[labels[i]] += valFraction;
        }
        int[] present = java.util.stream.IntStream.range(0, sizes.length).filter(g -> sizes[g] > 0).toArray();
        if (present.length < 2) {
            throw new IllegalArgumentException("a split by group needs at least two groups, found " + present.length);
        }
        shuffle(present, new SplittableRandom(seed));
        Integer[] order = Arrays.stream(present).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(sizes[b], sizes[a])); // stable: ties keep the seeded order
        double[] val = new double[numClasses];
        boolean[] groupInVal = new boolean[sizes.length];
        int groupsInVal = 0;
        for (int g : order) {
            if (deviation(val, perClass[g], targets) < deviation(val, null, targets)) {
                add(val, perClass[g], 1);
                groupInVal[g] = true;
                groupsInVal++;
            }
        }
        if (groupsInVal == 0) {
            int g = order[order.length - 1]; // the smallest group: the least harm to training
            groupInVal[g] = true;
        } else if (groupsInVal == order.length) {
            groupInVal[order[0]] = false;
        }
        boolean[] isVal = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            isVal[i] = groupInVal[groups[i]];
        }
        return partition(isVal);
    }

    private static double deviation(double[] val, int[] adding, double[] targets) {
        double sum = 0;
        for (int c = 0; c < targets.length; c++) {
            double d = val[c] + (adding == null ? 0 : adding[c]) - targets[c];
            sum += d * d;
        }
        return sum;
    }

    private static void add(double[] val, int[] counts, int sign) {
        for (int c = 0; c < val.length; c++) {
            val[c] += sign * counts[c];
        }
    }

    private static void checkFraction(double valFraction) {
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + valFraction);
        }
    }

    private static void shuffle(int[] idx, SplittableRandom random) {
        for (int i = idx.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }

    private static Indices partition(boolean[] isVal) {
        int nVal = 0;
        for (boolean v : isVal) {
            nVal += v ? 1 : 0;
        }
        int[] trainIdx = new int[isVal.length - nVal];
        int[] valIdx = new int[nVal];
        int t = 0;
        int v = 0;
        for (int i = 0; i < isVal.length; i++) {
            if (isVal[i]) {
                valIdx[v++] = i;
            } else {
                trainIdx[t++] = i;
            }
        }
        return new Indices(trainIdx, valIdx);
    }

    private static TrainVal apply(LabelledImages data, Indices indices) {
        return new TrainVal(data.subset(indices.train()), data.subset(indices.val()));
    }

    /** The entries of {@code values} at {@code indices}, in that order (e.g. the groups of a subset). */
    public static int[] pick(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}
