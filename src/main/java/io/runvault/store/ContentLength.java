package io.runvault.store;

import io.runvault.problem.InvalidRequestException;
import jakarta.ws.rs.core.HttpHeaders;

/** The length an upload declares, so that one over a limit is refused before its body is read. */
public final class ContentLength {

    private ContentLength() {}

    /**
     * The declared Content-Length, or -1 when there is none; a 400 problem when it is not a number.
     * The same length listed twice ({@code 39, 39}: how the header reaches the application for some
     * HTTP/2 requests) is that length, as RFC 9110 section 8.6 allows; different lengths are refused.
     */
    public static long declared(HttpHeaders headers) {
        String header = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (header == null || header.isBlank()) {
            return -1;
        }
        long length = -1;
        for (String value : header.split(",")) {
            long one;
            try {
                one = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("bad-content-length", "Content-Length is not a number");
            }
            if (one < 0 || length >= 0 && one != length) {
                throw new InvalidRequestException("bad-content-length", "Content-Length is not one length");
            }
            length = one;
        }
        return length;
    }
}
