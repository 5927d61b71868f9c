package io.runvault.models;

import io.runvault.problem.InvalidRequestException;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of a model version. The legal moves live here and nowhere else:
 * raw -> validated -> production by promotion; archived from any live stage; rejected from raw or
 * validated.
 */
public enum Stage {
    RAW, VALIDATED, PRODUCTION, ARCHIVED, REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String text) {
        for (Stage stage : values()) {
            if (stage.wire().equals(text)) {
                return stage;
            }
        }
        throw new InvalidRequestException("bad-stage", "A stage is one of raw, validated, production, archived, rejected");
    }

    /** The stage a promotion to {@code this} must start from, or null when it cannot be requested. */
    public Stage promotedFrom() {
        return switch (this) {
            case VALIDATED -> RAW;
            case PRODUCTION -> VALIDATED;
            default -> null;
        };
    }

    public boolean canMoveTo(Stage target) {
        return switch (target) {
            case VALIDATED -> this == RAW;
            case PRODUCTION -> this == VALIDATED;
            case ARCHIVED -> Set.of(RAW, VALIDATED, PRODUCTION).contains(this);
            case REJECTED -> this == RAW || this == VALIDATED;
            case RAW -> false;
        };
    }
}
