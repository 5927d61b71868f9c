package io.runvault.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts an operator's certificate into the keystore the server listens with
 * ({@code RUNVAULT_DATA/tls/key.p12}). The file is replaced in one rename, so the server, which
 * polls it for changes, only ever reads a whole keystore. Next to it, {@code key.p12.source} names
 * the version of the PEM files it was made from, so that unchanged files are not converted again.
 */
public final class ServerKeystore {

    static final String ALIAS = "default";
    static final String SOURCE = KeystorePassword.KEYSTORE + ".source";

    private ServerKeystore() {
    }

    /**
     * At start (the launcher, before the server): the configured files replace the keystore when
     * they changed; bad files stop the start with the reason.
     *
     * @return what the server will present, or empty when no files are configured (self-signed)
     */
    public static Optional<String> installAtStart(java.util.Map<String, String> env, Path tls, String password)
            throws CertificateFileException, IOException, GeneralSecurityException {
        Optional<CertificateFiles> files = CertificateFiles.configured(env);
        if (files.isEmpty()) {
            if (installedFrom(tls).isPresent()) {
                // The files were configured before and no longer are: the server makes a new
                // self-signed certificate when it finds no keystore.
                Files.delete(tls.resolve(KeystorePassword.KEYSTORE));
                Files.delete(tls.resolve(SOURCE));
            }
            return Optional.empty();
        }
        CertificateFiles.Contents contents = files.get().read();
        ServerCertificate identity = ServerCertificate.read(contents, Instant.now());
        if (!installedFrom(tls).equals(Optional.of(contents.digest()))) {
            install(tls, password.toCharArray(), identity, contents.digest());
        }
        return Optional.of(identity.describe());
    }

    /** The digest of the PEM files the keystore was last made from, if it was made from any. */
    public static Optional<String> installedFrom(Path tls) throws IOException {
        Path source = tls.resolve(SOURCE);
        if (!Files.isRegularFile(source) || !Files.isRegularFile(tls.resolve(KeystorePassword.KEYSTORE))) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(source, StandardCharsets.US_ASCII).trim());
    }

    public static void install(Path tls, char[] password, ServerCertificate identity, String sourceDigest)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setKeyEntry(ALIAS, identity.key(), password, identity.chain().toArray(new Certificate[0]));
        Files.createDirectories(tls);
        Path keystore = tls.resolve(KeystorePassword.KEYSTORE);
        Path temporary = tls.resolve(KeystorePassword.KEYSTORE + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
            store.store(out, password);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path source = tls.resolve(SOURCE + ".new");
        Files.writeString(source, sourceDigest + "\n", StandardCharsets.US_ASCII);
        Files.move(source, tls.resolve(SOURCE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
