package io.runvault.problem;

import java.util.Map;

/**
 * The domain's refusals. Each subtype is one HTTP status; {@link ProblemMapper} turns any of them
 * into an RFC 9457 problem response, so features throw meaning and never build responses.
 */
public abstract sealed class ProblemException extends RuntimeException
        permits InvalidRequestException, NotFoundException, ConflictException,
                PayloadTooLargeException, UnprocessableException, RangeNotSatisfiableException,
                ForbiddenException, TooManyRequestsException {

    private final String type;
    private final String title;
    private final Map<String, Object> extensions;

    protected ProblemException(String type, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.type = type;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public abstract int status();

    /** Short slug, served as {@code type: /problems/<slug>}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
