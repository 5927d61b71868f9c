package io.runvault.problem;

import java.util.Map;

/** The caller may use the operation, but a domain rule forbids this user this action (HTTP 403). */
public final class ForbiddenException extends ProblemException {

    public ForbiddenException(String type, String detail) {
        super(type, "Forbidden", detail, Map.of());
    }

    @Override
    public int status() {
        return 403;
    }
}
