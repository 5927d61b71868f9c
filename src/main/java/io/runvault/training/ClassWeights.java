package io.runvault.training;

/** Loss weights per class: none, or {@code auto} (n / (k * count), see {@link TrainingSpec#classWeights()}). */
public enum ClassWeights implements NamedChoice {
    NONE,
    AUTO;

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static ClassWeights parse(String name) {
        return NamedChoice.parse(ClassWeights.class, "classWeights", name);
    }

    @Override
    public String toString() {
        return externalName();
    }
}
