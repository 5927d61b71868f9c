package io.runvault.problem;

import java.time.Duration;
import java.util.Map;

/** Too many attempts for now (HTTP 429); the response says when to try again ({@code Retry-After}). */
public final class TooManyRequestsException extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String type, String detail, Duration retryAfter) {
        super(type, "Too many requests", detail, Map.of("retryAfterSeconds", seconds(retryAfter)));
        this.retryAfterSeconds = seconds(retryAfter);
    }

    /** Whole seconds, rounded up and at least one, as Retry-After needs. */
    public static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }
}
