package io.runvault.mlflow;

import io.runvault.models.Stage;
import java.util.List;
import java.util.Locale;

/** MLflow's stage names for Runvault's stages: None = raw, Staging = validated, Production, Archived. */
final class RegistryStages {

    /** MLflow's stages in the order get-latest-versions answers them. */
    static final List<String> NAMES = List.of("None", "Staging", "Production", "Archived");

    private RegistryStages() {
    }

    static String name(Stage stage) {
        return switch (stage) {
            case RAW -> "None";
            case VALIDATED -> "Staging";
            case PRODUCTION -> "Production";
            case ARCHIVED, REJECTED -> "Archived";
        };
    }

    /** The stage an MLflow stage name means (case-insensitive, as MLflow reads it). */
    static Stage parse(String name) {
        if (name != null) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "none":
                    return Stage.RAW;
                case "staging":
                    return Stage.VALIDATED;
                case "production":
                    return Stage.PRODUCTION;
                case "archived":
                    return Stage.ARCHIVED;
                default:
                    break;
            }
        }
        throw MlflowException.invalid("Invalid stage '" + name + "': one of None, Staging, Production, Archived");
    }
}
