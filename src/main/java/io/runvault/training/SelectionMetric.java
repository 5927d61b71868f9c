package io.runvault.training;

/** The validation metric that picks a run's best epoch. */
public enum SelectionMetric implements NamedChoice {
    VAL_AUC,
    VAL_ACCURACY,
    VAL_MACRO_F1;

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static SelectionMetric parse(String name) {
        return NamedChoice.parse(SelectionMetric.class, "selectionMetric", name);
    }

    @Override
    public String toString() {
        return externalName();
    }
}
