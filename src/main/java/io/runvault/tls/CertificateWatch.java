package io.runvault.tls;

import io.runvault.launcher.CertificateFileException;
import io.runvault.launcher.CertificateFiles;
import io.runvault.launcher.ServerCertificate;
import io.runvault.launcher.ServerKeystore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;

/**
 * Watches the operator's certificate and key files while the server runs. A new version of the pair
 * is acted on once it has stayed the same for two polls, so that copying the certificate and then
 * the key is not taken for a mismatched pair; then it either replaces the keystore (which the server
 * reloads by itself) or is refused with the reason, and the keystore keeps the last good certificate.
 * Each version is reported once.
 */
final class CertificateWatch {

    /** What became of a new version of the files. */
    record Outcome(boolean replaced, String message) {
    }

    private final CertificateFiles files;
    private final Path tls;
    private final char[] password;
    /** The version last seen, waiting for a second look. */
    private String pending;
    /** The version last installed or refused. */
    private String decided;

    CertificateWatch(CertificateFiles files, Path tls, char[] password) throws IOException {
        this.files = files;
        this.tls = tls;
        this.password = password.clone();
        this.decided = ServerKeystore.installedFrom(tls).orElse(null);
    }

    Optional<Outcome> poll(Instant now) {
        CertificateFiles.Contents contents = null;
        String version;
        String unreadable = null;
        try {
            contents = files.read();
            version = contents.digest();
        } catch (CertificateFileException e) {
            unreadable = e.getMessage();
            version = "unreadable: " + unreadable;
        }
        if (version.equals(decided)) {
            return Optional.empty();
        }
        if (!version.equals(pending)) {
            pending = version;
            return Optional.empty();
        }
        decided = version;
        if (contents == null) {
            return Optional.of(new Outcome(false, unreadable));
        }
        try {
            ServerCertificate identity = ServerCertificate.read(contents, now);
            ServerKeystore.install(tls, password, identity, version);
            return Optional.of(new Outcome(true, identity.describe()));
        } catch (CertificateFileException e) {
            return Optional.of(new Outcome(false, e.getMessage()));
        } catch (IOException | GeneralSecurityException e) {
            // Tried again at the next change of the files.
            return Optional.of(new Outcome(false, "the keystore in " + tls + " could not be written (" + e + ")"));
        }
    }
}
