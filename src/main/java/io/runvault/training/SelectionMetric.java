package io.runvault.training;

/** The validation metric that picks a run's best epoch. */
public enum SelectionMetric implements NamedChoice {
    VAL_AUC("val_auc"),
    VAL_ACCURACY("val_accuracy"),
    VAL_MACRO_F1("val_macro_f1");

    private final String externalName;

    SelectionMetric(String externalName) {
        this.externalName = externalName;
    }

    /** The choice called {@code name}, or an {@link IllegalArgumentException} listing the known names. */
    public static SelectionMetric parse(String name) {
        return NamedChoice.parse(SelectionMetric.class, "selectionMetric", name);
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
