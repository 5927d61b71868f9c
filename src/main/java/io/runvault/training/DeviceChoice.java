package io.runvault.training;

/** Where a run trains: {@code auto} (a GPU when one is visible), {@code cpu} or {@code gpu}. */
public enum DeviceChoice implements NamedChoice {
    AUTO,
    CPU,
    GPU;

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static DeviceChoice parse(String name) {
        return NamedChoice.parse(DeviceChoice.class, "device", name);
    }

    @Override
    public String toString() {
        return externalName();
    }
}
