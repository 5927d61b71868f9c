package io.runvault.training;

/** The optimisation rule: Adam, or SGD with optional momentum. */
public enum OptimizerType implements NamedChoice {
    ADAM,
    SGD;

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static OptimizerType parse(String name) {
        return NamedChoice.parse(OptimizerType.class, "optimizer", name);
    }

    @Override
    public String toString() {
        return externalName();
    }
}
