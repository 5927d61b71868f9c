package io.runvault.store;

import io.runvault.problem.InvalidRequestException;
import jakarta.ws.rs.core.HttpHeaders;

/** The length an upload declares, so that one over a limit is refused before its body is read. */
public final class ContentLength {

    private ContentLength() {}

    /** The declared Content-Length, or -1 when there is none; a 400 problem when it is not a number. */
    public static long declared(HttpHeaders headers) {
        String header = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("bad-content-length", "Content-Length is not a number");
        }
    }
}
