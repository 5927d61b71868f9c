package io.runvault.problem;

import java.util.Map;

/** The request is malformed or breaks an input rule (HTTP 400). */
public final class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public InvalidRequestException(String type, String detail, Map<String, Object> extensions) {
        super(type, "Invalid request", detail, extensions);
    }

    @Override
    public int status() {
        return 400;
    }
}
