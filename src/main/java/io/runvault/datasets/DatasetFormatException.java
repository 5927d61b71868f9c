package io.runvault.datasets;

import java.io.IOException;

/** A dataset file that is not what its format says it should be (bad magic, truncated, inconsistent). */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
