package io.runvault.evaluation;

import io.runvault.reports.Predictions;
import java.util.Objects;

/** A model in a comparison: its name (a run or version name) and its predictions on the shared test set. */
public record ComparedModel(String name, Predictions predictions) {

    public ComparedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(predictions, "predictions");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a compared model needs a name");
        }
    }
}
