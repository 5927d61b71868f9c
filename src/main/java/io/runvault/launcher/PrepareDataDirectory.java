package io.runvault.launcher;

import java.nio.file.Path;

/**
 * Prepares a data directory for a server started without the runnable jar (bin/runvault in the
 * installed layout or the offline bundle): makes its per-installation keystore password, as the
 * jar's launcher does, so both ways of starting share one data directory, and puts the operator's
 * certificate (RUNVAULT_TLS_CERT, RUNVAULT_TLS_KEY) into its keystore.
 */
public final class PrepareDataDirectory {

    private PrepareDataDirectory() {
    }

    /** @param args the data directory ({@code RUNVAULT_DATA}) */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: PrepareDataDirectory RUNVAULT_DATA");
            System.exit(2);
        }
        Path tls = Path.of(args[0]).toAbsolutePath().normalize().resolve("tls");
        String password = KeystorePassword.ensure(tls);
        CertificateAtStart.install(System.getenv(), tls, password);
    }
}
