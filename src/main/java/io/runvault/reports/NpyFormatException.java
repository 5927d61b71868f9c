package io.runvault.reports;

import java.io.IOException;

/** A {@code .npy} or {@code .npz} input that is malformed, unsupported, truncated or over a limit. */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }

    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
