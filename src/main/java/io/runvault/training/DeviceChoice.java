package io.runvault.training;

/** Where a run trains: {@code auto} (a GPU when one is visible), {@code cpu} or {@code gpu}. */
public enum DeviceChoice implements NamedChoice {
    AUTO,
    CPU,
    GPU;

    @Override
    public String toString() {
        return externalName();
    }
}
