package io.runvault.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;

/**
 * The TLS keystore's password, made once per installation and kept next to the keystore
 * ({@code RUNVAULT_DATA/tls/keystore.password}, readable by its owner only), instead of one
 * password written into every copy of the appliance. A keystore made by an earlier version with
 * that old password is re-encrypted under the new one, so its certificate stays the same.
 */
final class KeystorePassword {

    static final String FILE = "keystore.password";
    static final String KEYSTORE = "key.p12";
    /** What versions before the per-installation password used. */
    private static final char[] LEGACY = "runvault-self-signed".toCharArray();

    private KeystorePassword() {
    }

    static String ensure(Path tls) throws IOException, GeneralSecurityException {
        Path file = tls.resolve(FILE);
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        Files.createDirectories(tls);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path keystore = tls.resolve(KEYSTORE);
        if (Files.exists(keystore)) {
            rekey(keystore, password.toCharArray());
        }
        Path temporary = tls.resolve(FILE + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** Re-encrypts a keystore of an earlier version; one that cannot be opened is set aside for the server to make a new one. */
    private static void rekey(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, LEGACY);
        } catch (IOException unreadable) {
            Files.move(keystore, keystore.resolveSibling(KEYSTORE + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        KeyStore rekeyed = KeyStore.getInstance("PKCS12");
        rekeyed.load(null, password);
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Key key = store.getKey(alias, LEGACY);
                rekeyed.setKeyEntry(alias, key, password, store.getCertificateChain(alias));
            } else {
                rekeyed.setCertificateEntry(alias, store.getCertificate(alias));
            }
        }
        Path temporary = keystore.resolveSibling(KEYSTORE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            rekeyed.store(out, password);
        }
        Files.move(temporary, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
