package io.runvault.studies;

import java.util.Arrays;

/**
 * One cross-validation fold: the indices (into the data set) that train and those that validate.
 * Both are sorted ascending and disjoint; together they cover the data set.
 */
public record Fold(int index, int[] train, int[] validation) {

    public Fold {
        train = train.clone();
        validation = validation.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fold f && f.index == index && Arrays.equals(f.train, train)
                && Arrays.equals(f.validation, validation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + Arrays.hashCode(train)) + Arrays.hashCode(validation);
    }

    @Override
    public String toString() {
        return "Fold[" + index + ": " + train.length + " train, " + validation.length + " validation]";
    }
}
