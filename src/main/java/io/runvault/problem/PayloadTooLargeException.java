package io.runvault.problem;

import java.util.Map;

/** The body exceeds a configured size limit (HTTP 413). */
public final class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(String type, String detail) {
        this(type, detail, Map.of());
    }

    public PayloadTooLargeException(String type, String detail, Map<String, Object> extensions) {
        super(type, "Payload too large", detail, extensions);
    }

    @Override
    public int status() {
        return 413;
    }
}
