package io.runvault.training;

/** The validation metric that picks a run's best epoch. */
public enum SelectionMetric implements NamedChoice {
    VAL_AUC,
    VAL_ACCURACY,
    VAL_MACRO_F1;

    @Override
    public String toString() {
        return externalName();
    }
}
