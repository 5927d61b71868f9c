package io.runvault.database;

/** The database's schema cannot be brought to this build's; the message says what to do. */
public class UnusableSchemaException extends RuntimeException {

    public UnusableSchemaException(String message) {
        super(message);
    }

    public UnusableSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
