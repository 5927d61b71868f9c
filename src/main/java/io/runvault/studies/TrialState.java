package io.runvault.studies;

/** Optuna's trial states, with the same names (they are written as-is to Optuna's storage). */
public enum TrialState {
    RUNNING,
    COMPLETE,
    PRUNED,
    FAIL,
    WAITING;

    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
