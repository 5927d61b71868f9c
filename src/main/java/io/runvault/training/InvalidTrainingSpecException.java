package io.runvault.training;

import java.util.List;

/** A {@link TrainingSpec} was refused; {@link #errors()} names every broken rule, in field order. */
public final class InvalidTrainingSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public InvalidTrainingSpecException(List<String> errors) {
        super("invalid training spec: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One sentence per broken rule. */
    public List<String> errors() {
        return errors;
    }
}
