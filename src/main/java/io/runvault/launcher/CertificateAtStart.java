package io.runvault.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/** Before the server starts: the operator's certificate, or a clear refusal to start with bad files. */
final class CertificateAtStart {

    /** The exit status for configuration errors (sysexits.h EX_CONFIG). */
    static final int CONFIGURATION_ERROR = 78;

    private CertificateAtStart() {
    }

    static void install(Map<String, String> env, Path tls, String keystorePassword) throws IOException, GeneralSecurityException {
        try {
            ServerKeystore.installAtStart(env, tls, keystorePassword)
                    .ifPresent(served -> System.out.println("Runvault: HTTPS presents the certificate of " + served));
        } catch (CertificateFileException e) {
            System.err.println("Runvault cannot start: the TLS certificate (" + CertificateFiles.CERT_VARIABLE + ", "
                    + CertificateFiles.KEY_VARIABLE + ") cannot be used: " + e.getMessage());
            System.exit(CONFIGURATION_ERROR);
        }
    }
}
