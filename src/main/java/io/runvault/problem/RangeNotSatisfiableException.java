package io.runvault.problem;

import java.util.Map;

/** A Range header that the resource cannot satisfy (HTTP 416). */
public final class RangeNotSatisfiableException extends ProblemException {

    public RangeNotSatisfiableException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public RangeNotSatisfiableException(String type, String detail, Map<String, Object> extensions) {
        super(type, "Range not satisfiable", detail, extensions);
    }

    @Override
    public int status() {
        return 416;
    }
}
