package io.runvault.training;

/** The network a run trains (built by {@link Architectures}). */
public enum Architecture implements NamedChoice {
    MLP,
    MINICNN,
    RESNET;

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static Architecture parse(String name) {
        return NamedChoice.parse(Architecture.class, "architecture", name);
    }

    @Override
    public String toString() {
        return externalName();
    }
}
