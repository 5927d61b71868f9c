package io.runvault.training;

/** The optimisation rule: Adam, or SGD with optional momentum. */
public enum OptimizerType implements NamedChoice {
    ADAM("adam"),
    SGD("sgd");

    private final String externalName;

    OptimizerType(String externalName) {
        this.externalName = externalName;
    }

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static OptimizerType parse(String name) {
        return NamedChoice.parse(OptimizerType.class, "optimizer", name);
    }

    @Override
    public String externalName() {
        return externalName;
    }

    @Override
    public String toString() {
        return externalName;
    }
}
