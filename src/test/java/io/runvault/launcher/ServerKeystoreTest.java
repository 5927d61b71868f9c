package io.runvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeystoreTest {

    private static final String PASSWORD = "per-installation-secret";

    @TempDir
    Path dir;

    private Map<String, String> env(String certificate, String key) throws Exception {
        return Map.of("RUNVAULT_TLS_CERT", Fixtures.copy(certificate, dir.resolve("cert.pem")).toString(),
                "RUNVAULT_TLS_KEY", Fixtures.copy(key, dir.resolve("key.pem")).toString());
    }

    private KeyStore load(Path tls) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.resolve("key.p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    @Test
    void theConfiguredPairBecomesTheKeystoresOnlyEntryWithItsChain() throws Exception {
        Path tls = dir.resolve("tls");
        String served = ServerKeystore.installAtStart(env("leaf-chain.crt", "leaf.key"), tls, PASSWORD).orElseThrow();
        assertTrue(served.contains("CN=leaf.runvault.test"), served);
        KeyStore store = load(tls);
        assertEquals(1, store.size());
        assertTrue(store.isKeyEntry(ServerKeystore.ALIAS));
        assertEquals(2, store.getCertificateChain(ServerKeystore.ALIAS).length);
        assertEquals("CN=leaf.runvault.test", ((X509Certificate) store.getCertificate(ServerKeystore.ALIAS))
                .getSubjectX500Principal().getName());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("key.p12"))));
    }

    @Test
    void unchangedFilesLeaveTheKeystoreAloneAndChangedOnesReplaceIt() throws Exception {
        Path tls = dir.resolve("tls");
        ServerKeystore.installAtStart(env("rsa.crt", "rsa-pkcs1.key"), tls, PASSWORD);
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(tls.resolve("key.p12"), old);
        ServerKeystore.installAtStart(env("rsa.crt", "rsa-pkcs1.key"), tls, PASSWORD);
        assertEquals(old, Files.getLastModifiedTime(tls.resolve("key.p12")), "the same files are not converted again");

        ServerKeystore.installAtStart(env("ec.crt", "ec-sec1.key"), tls, PASSWORD);
        assertEquals("CN=ec.runvault.test", ((X509Certificate) load(tls).getCertificate(ServerKeystore.ALIAS))
                .getSubjectX500Principal().getName());
    }

    @Test
    void badFilesAtStartAreRefusedAndTheKeystoreKept() throws Exception {
        Path tls = dir.resolve("tls");
        ServerKeystore.installAtStart(env("rsa.crt", "rsa-pkcs8.key"), tls, PASSWORD);
        byte[] before = Files.readAllBytes(tls.resolve("key.p12"));
        assertThrows(CertificateFileException.class,
                () -> ServerKeystore.installAtStart(env("rsa.crt", "ec-pkcs8.key"), tls, PASSWORD));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tls.resolve("key.p12"))));
    }

    @Test
    void unsettingTheVariablesGoesBackToASelfSignedCertificate() throws Exception {
        Path tls = dir.resolve("tls");
        ServerKeystore.installAtStart(env("rsa.crt", "rsa-pkcs8.key"), tls, PASSWORD);
        assertTrue(ServerKeystore.installAtStart(Map.of(), tls, PASSWORD).isEmpty());
        assertFalse(Files.exists(tls.resolve("key.p12")), "removed, for the server to make a self-signed one");
        assertTrue(ServerKeystore.installedFrom(tls).isEmpty());
    }

    @Test
    void aSelfSignedKeystoreIsLeftAloneWhenNoFilesAreConfigured() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        Files.writeString(tls.resolve("key.p12"), "made by the server");
        ServerKeystore.installAtStart(Map.of(), tls, PASSWORD);
        assertEquals("made by the server", Files.readString(tls.resolve("key.p12")));
    }
}
