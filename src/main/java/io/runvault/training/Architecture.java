package io.runvault.training;

/** The network a run trains (built by {@link Architectures}). */
public enum Architecture implements NamedChoice {
    MLP,
    MINICNN,
    RESNET;

    @Override
    public String toString() {
        return externalName();
    }
}
