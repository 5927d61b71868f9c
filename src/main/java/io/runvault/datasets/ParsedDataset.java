package io.runvault.datasets;

import java.util.List;
import java.util.Objects;

/**
 * A dataset read completely into memory: its own splits ({@code val} and {@code test} may be null),
 * and for data with groups (e.g. patients) the group of each training item ({@code trainGroups[i]} in
 * {@code [0, groupCount)}), else null. Every split has the same shape and class names.
 */
public record ParsedDataset(LabelledImages train, LabelledImages val, LabelledImages test, int[] trainGroups,
                            int groupCount, boolean testDerived) {

    /** A dataset without its own test split holds out this share of its training split as the test split. */
    public static final double DERIVED_TEST_FRACTION = 0.2;
    /** ... chosen with this seed, so every job on the dataset is tested on the same items. */
    public static final long DERIVED_TEST_SEED = 0;

    public ParsedDataset {
        Objects.requireNonNull(train, "train");
        for (LabelledImages other : new LabelledImages[] {val, test}) {
            if (other != null && (other.channels() != train.channels() || other.height() != train.height()
                    || other.width() != train.width() || !other.classNames().equals(train.classNames()))) {
                throw new IllegalArgumentException("splits differ in shape or classes");
            }
        }
        if (trainGroups != null && trainGroups.length != train.size()) {
            throw new IllegalArgumentException(trainGroups.length + " groups for " + train.size() + " items");
        }
    }

    /** Own splits as read, with optional groups for the training split. */
    public static ParsedDataset of(LabelledImages train, LabelledImages val, LabelledImages test, int[] trainGroups,
                                   int groupCount) {
        return new ParsedDataset(train, val, test, trainGroups, groupCount, false);
    }

    public List<String> classNames() {
        return train.classNames();
    }

    /**
     * This dataset with a test split: its own, or a stratified, seeded {@link #DERIVED_TEST_FRACTION}
     * of the training split (whole groups when there are groups, so no group is in both).
     */
    public ParsedDataset withTest() throws DatasetFormatException {
        if (test != null) {
            return this;
        }
        try {
            Splits.Indices parts = trainGroups == null
                    ? Splits.stratified(train.labels(), train.numClasses(), DERIVED_TEST_FRACTION, DERIVED_TEST_SEED)
                    : Splits.byGroup(train.labels(), train.numClasses(), trainGroups, DERIVED_TEST_FRACTION,
                            DERIVED_TEST_SEED);
            if (parts.train().length == 0) {
                throw new DatasetFormatException("too few items to hold out a test split");
            }
            return new ParsedDataset(train.subset(parts.train()), val, train.subset(parts.val()),
                    trainGroups == null ? null : Splits.pick(trainGroups, parts.train()), groupCount, true);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException("cannot hold out a test split: " + e.getMessage(), e);
        }
    }
}
