package io.runvault.reports;

/** An {@code .npz} whose arrays would take more bytes than its reader's limits allow. */
public class NpyTooLargeException extends NpyFormatException {

    private static final long serialVersionUID = 1L;

    public NpyTooLargeException(String message) {
        super(message);
    }
}
