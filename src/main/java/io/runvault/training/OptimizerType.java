package io.runvault.training;

/** The optimisation rule: Adam, or SGD with optional momentum. */
public enum OptimizerType implements NamedChoice {
    ADAM,
    SGD;

    @Override
    public String toString() {
        return externalName();
    }
}
