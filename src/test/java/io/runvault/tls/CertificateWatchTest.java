package io.runvault.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.launcher.CertificateFiles;
import io.runvault.launcher.Fixtures;
import io.runvault.launcher.ServerKeystore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateWatchTest {

    private static final char[] PASSWORD = "secret".toCharArray();

    @TempDir
    Path dir;
    private Path tls;
    private CertificateFiles files;
    private CertificateWatch watch;

    @BeforeEach
    void startWithRsa() throws Exception {
        tls = dir.resolve("tls");
        files = new CertificateFiles(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        put("rsa.crt", "rsa-pkcs8.key");
        ServerKeystore.installAtStart(Map.of("RUNVAULT_TLS_CERT", files.certificate().toString(),
                "RUNVAULT_TLS_KEY", files.key().toString()), tls, new String(PASSWORD));
        watch = new CertificateWatch(files, tls, PASSWORD);
    }

    private void put(String certificate, String key) throws Exception {
        Fixtures.copy(certificate, files.certificate());
        Fixtures.copy(key, files.key());
    }

    private String served() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.resolve("key.p12"))) {
            store.load(in, PASSWORD);
        }
        return ((X509Certificate) store.getCertificate("default")).getSubjectX500Principal().getName();
    }

    @Test
    void theFilesInstalledAtStartAreNotReported() {
        assertEquals(Optional.empty(), watch.poll(Instant.now()));
        assertEquals(Optional.empty(), watch.poll(Instant.now()));
    }

    @Test
    void aNewPairIsTakenOnceItHoldsStillForTwoPolls() throws Exception {
        put("ec.crt", "ec-sec1.key");
        assertEquals(Optional.empty(), watch.poll(Instant.now()), "the first look may catch a copy half done");
        assertEquals("CN=rsa.runvault.test", served());
        CertificateWatch.Outcome outcome = watch.poll(Instant.now()).orElseThrow();
        assertTrue(outcome.replaced(), outcome.message());
        assertEquals("CN=ec.runvault.test", served());
        assertEquals(Optional.empty(), watch.poll(Instant.now()), "reported once");
    }

    @Test
    void theCertificateCopiedBeforeItsKeyIsNotMistakenForABadPair() throws Exception {
        Fixtures.copy("ec.crt", files.certificate());
        watch.poll(Instant.now());
        Fixtures.copy("ec-pkcs8.key", files.key()); // the key arrives before the second look
        assertEquals(Optional.empty(), watch.poll(Instant.now()));
        assertTrue(watch.poll(Instant.now()).orElseThrow().replaced());
        assertEquals("CN=ec.runvault.test", served());
    }

    @Test
    void aBadPairIsReportedOnceAndTheLastGoodCertificateStays() throws Exception {
        put("ec.crt", "rsa-pkcs8.key");
        watch.poll(Instant.now());
        CertificateWatch.Outcome refused = watch.poll(Instant.now()).orElseThrow();
        assertFalse(refused.replaced());
        assertTrue(refused.message().contains("does not belong"), refused.message());
        assertEquals("CN=rsa.runvault.test", served());
        assertEquals(Optional.empty(), watch.poll(Instant.now()), "not repeated every poll");

        put("ec.crt", "ec-pkcs8.key"); // the operator fixes it
        watch.poll(Instant.now());
        assertTrue(watch.poll(Instant.now()).orElseThrow().replaced());
        assertEquals("CN=ec.runvault.test", served());
    }

    @Test
    void aMissingFileIsReportedAndTheCertificateStays() throws Exception {
        Files.delete(files.key());
        watch.poll(Instant.now());
        CertificateWatch.Outcome refused = watch.poll(Instant.now()).orElseThrow();
        assertFalse(refused.replaced());
        assertTrue(refused.message().contains("does not exist"), refused.message());
        assertEquals("CN=rsa.runvault.test", served());
    }
}
