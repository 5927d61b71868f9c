package io.runvault.problem;

import java.util.Map;

/** The named resource does not exist (HTTP 404). */
public final class NotFoundException extends ProblemException {

    public NotFoundException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public NotFoundException(String type, String detail, Map<String, Object> extensions) {
        super(type, "Not found", detail, extensions);
    }

    @Override
    public int status() {
        return 404;
    }
}
