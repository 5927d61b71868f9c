package io.runvault.mlflow;

import java.util.Locale;

/** Which lifecycle stages a search returns: MLflow's ViewType, by name or by number. */
enum ViewType {
    ACTIVE_ONLY("('active')"), DELETED_ONLY("('deleted')"), ALL("('active','deleted')");

    /** The SQL list of lifecycle stages. */
    final String stages;

    ViewType(String stages) {
        this.stages = stages;
    }

    static ViewType of(String text) {
        if (text == null || text.isEmpty()) {
            return ACTIVE_ONLY;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY", "1" -> ACTIVE_ONLY;
            case "DELETED_ONLY", "2" -> DELETED_ONLY;
            case "ALL", "3" -> ALL;
            default -> throw MlflowException.invalid("Invalid view type '" + text + "': ACTIVE_ONLY, DELETED_ONLY or ALL");
        };
    }
}
