package io.runvault.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's certificate and key files ({@code RUNVAULT_TLS_CERT}, {@code RUNVAULT_TLS_KEY}),
 * which replace the self-signed certificate when both are set.
 */
public record CertificateFiles(Path certificate, Path key) {

    public static final String CERT_VARIABLE = "RUNVAULT_TLS_CERT";
    public static final String KEY_VARIABLE = "RUNVAULT_TLS_KEY";

    /** The configured files, or none (the self-signed certificate); one variable without the other is a mistake. */
    public static Optional<CertificateFiles> configured(Map<String, String> env) throws CertificateFileException {
        String certificate = blankToNull(env.get(CERT_VARIABLE));
        String key = blankToNull(env.get(KEY_VARIABLE));
        if (certificate == null && key == null) {
            return Optional.empty();
        }
        if (certificate == null || key == null) {
            throw new CertificateFileException(CERT_VARIABLE + " and " + KEY_VARIABLE + " must be set together (only "
                    + (certificate == null ? KEY_VARIABLE : CERT_VARIABLE) + " is set)");
        }
        return Optional.of(new CertificateFiles(Path.of(certificate).toAbsolutePath(), Path.of(key).toAbsolutePath()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** What the two files hold right now. */
    public Contents read() throws CertificateFileException {
        return new Contents(this, bytes(certificate), bytes(key));
    }

    private static byte[] bytes(Path file) throws CertificateFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateFileException(file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CertificateFileException(file + " is not readable by this account", e);
        } catch (IOException e) {
            throw new CertificateFileException(file + " cannot be read (" + e + ")", e);
        }
    }

    /** Both files' bytes; {@link #digest()} tells one version of the pair from another. */
    public record Contents(CertificateFiles files, byte[] certificate, byte[] key) {

        public String digest() {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(certificate.length).array());
                sha256.update(certificate);
                sha256.update(key);
                return HexFormat.of().formatHex(sha256.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
