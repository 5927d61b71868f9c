package io.runvault.studies;

import java.util.List;
import java.util.stream.Collectors;

/** A search space or objective that cannot be used, with every problem found (not just the first). */
public final class StudySpecException extends IllegalArgumentException {

    private final List<FieldError> errors;

    public StudySpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
