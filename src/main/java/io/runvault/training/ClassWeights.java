package io.runvault.training;

/** Loss weights per class: none, or {@code auto} (n / (k * count), see {@link TrainingSpec#classWeights()}). */
public enum ClassWeights implements NamedChoice {
    NONE,
    AUTO;

    @Override
    public String toString() {
        return externalName();
    }
}
