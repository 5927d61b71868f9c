package io.runvault.export;

/**
 * A model that cannot be evaluated on the data it was given: an unreadable or truncated file, an
 * operator ONNX Runtime lacks, or inputs and outputs that do not fit the dataset. The message is
 * the reason a failed job shows.
 */
public class ModelMismatchException extends RuntimeException {

    public ModelMismatchException(String message) {
        super(message);
    }

    public ModelMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
