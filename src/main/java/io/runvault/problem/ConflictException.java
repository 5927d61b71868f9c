package io.runvault.problem;

import java.util.Map;

/** The request conflicts with the current state (HTTP 409). */
public final class ConflictException extends ProblemException {

    public ConflictException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public ConflictException(String type, String detail, Map<String, Object> extensions) {
        super(type, "Conflict", detail, extensions);
    }

    @Override
    public int status() {
        return 409;
    }
}
