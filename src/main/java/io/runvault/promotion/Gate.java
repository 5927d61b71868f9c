package io.runvault.promotion;

/** A check a model version must pass to enter a stage. */
public interface Gate {

    GateResult evaluate(GateContext context);
}
