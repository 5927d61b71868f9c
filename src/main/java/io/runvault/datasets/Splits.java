package io.runvault.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded, stratified splits of a {@link LabelledImages} set. */
public final class Splits {

    /** A training part and a validation part. */
    public record TrainVal(LabelledImages train, LabelledImages val) {}

    private Splits() {}

    /**
     * Splits every class separately so that both parts keep the class proportions: each class's
     * indices are shuffled with {@code seed} and {@code round(count * valFraction)} of them (at least
     * one when the class has two or more images) go to validation. Within each part the images keep
     * their original order. The same data, fraction and seed always give the same split.
     */
    public static TrainVal stratified(LabelledImages data, double valFraction, long seed) {
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + valFraction);
        }
        int k = data.numClasses();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.labels()[i]).add(i);
        }
        boolean[] isVal = new boolean[data.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (List<Integer> members : byClass) {
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            for (int i = idx.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
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
        int nVal = 0;
        for (boolean v : isVal) {
            nVal += v ? 1 : 0;
        }
        int[] trainIdx = new int[data.size() - nVal];
        int[] valIdx = new int[nVal];
        int t = 0;
        int v = 0;
        for (int i = 0; i < data.size(); i++) {
            if (isVal[i]) {
                valIdx[v++] = i;
            } else {
                trainIdx[t++] = i;
            }
        }
        return new TrainVal(data.subset(trainIdx), data.subset(valIdx));
    }
}
