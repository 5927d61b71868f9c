package io.runvault.launcher;

/** The TLS certificate or key files cannot be used; the message says which file and why, for the log. */
public final class CertificateFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public CertificateFileException(String message) {
        super(message);
    }

    public CertificateFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
