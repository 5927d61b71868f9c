package io.runvault.problem;

import java.util.Map;

/** Well-formed, but refers to things that are missing or inconsistent (HTTP 422). */
public final class UnprocessableException extends ProblemException {

    public UnprocessableException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public UnprocessableException(String type, String detail, Map<String, Object> extensions) {
        super(type, "Unprocessable content", detail, extensions);
    }

    @Override
    public int status() {
        return 422;
    }
}
