package io.runvault.datasets;

/** A dataset over one of the configured size limits (bytes unpacked, entries, pixels). */
public class DatasetTooLargeException extends DatasetFormatException {

    private static final long serialVersionUID = 1L;

    public DatasetTooLargeException(String message) {
        super(message);
    }
}
