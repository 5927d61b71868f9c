package io.runvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {

    @TempDir
    Path dir;

    private CertificateFiles.Contents pair(String certificate, String key) throws Exception {
        CertificateFiles files = new CertificateFiles(Fixtures.copy(certificate, dir.resolve("cert.pem")),
                Fixtures.copy(key, dir.resolve("key.pem")));
        return files.read();
    }

    @Test
    void takesRsaAndEcPairsInEveryKeyForm() throws Exception {
        for (String[] pair : new String[][] {{"rsa.crt", "rsa-pkcs8.key"}, {"rsa.crt", "rsa-pkcs1.key"},
                {"ec.crt", "ec-pkcs8.key"}, {"ec.crt", "ec-sec1.key"}}) {
            ServerCertificate identity = ServerCertificate.read(pair(pair[0], pair[1]), Instant.now());
            assertEquals(1, identity.chain().size());
            assertTrue(identity.describe().contains(pair[0].startsWith("rsa") ? "CN=rsa.runvault.test" : "CN=ec.runvault.test"),
                    identity.describe());
        }
    }

    @Test
    void keepsTheWholeChainLeafFirst() throws Exception {
        ServerCertificate identity = ServerCertificate.read(pair("leaf-chain.crt", "leaf.key"), Instant.now());
        assertEquals(2, identity.chain().size());
        assertEquals("CN=leaf.runvault.test", identity.certificate().getSubjectX500Principal().getName());
        assertEquals("CN=ca.runvault.test", identity.chain().get(1).getSubjectX500Principal().getName());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws Exception {
        for (String[] pair : new String[][] {{"rsa.crt", "leaf.key"}, {"rsa.crt", "ec-pkcs8.key"}, {"ca.crt", "leaf.key"}}) {
            CertificateFileException refused = assertThrows(CertificateFileException.class,
                    () -> ServerCertificate.read(pair(pair[0], pair[1]), Instant.now()));
            assertTrue(refused.getMessage().contains("does not belong to the first certificate"), refused.getMessage());
            assertTrue(refused.getMessage().contains(dir.resolve("key.pem").toString()), "names the file: " + refused.getMessage());
        }
    }

    @Test
    void refusesAChainWhoseFirstCertificateIsNotTheServers() throws Exception {
        String reversed = Fixtures.text("ca.crt") + Fixtures.text("leaf-chain.crt").split("(?<=-----END CERTIFICATE-----\n)")[0];
        java.nio.file.Files.writeString(dir.resolve("reversed.pem"), reversed);
        CertificateFiles files = new CertificateFiles(dir.resolve("reversed.pem"), Fixtures.copy("leaf.key", dir.resolve("key.pem")));
        assertThrows(CertificateFileException.class, () -> ServerCertificate.read(files.read(), Instant.now()));
    }

    @Test
    void refusesAnExpiredCertificateAndOneNotYetValid() throws Exception {
        CertificateFiles.Contents pair = pair("rsa.crt", "rsa-pkcs8.key");
        Instant notAfter = ServerCertificate.read(pair, Instant.now()).certificate().getNotAfter().toInstant();
        CertificateFileException expired = assertThrows(CertificateFileException.class,
                () -> ServerCertificate.read(pair, notAfter.plus(Duration.ofDays(1))));
        assertTrue(expired.getMessage().contains("expired on " + notAfter), expired.getMessage());
        CertificateFileException early = assertThrows(CertificateFileException.class,
                () -> ServerCertificate.read(pair, Instant.parse("2000-01-01T00:00:00Z")));
        assertTrue(early.getMessage().contains("is not valid before"), early.getMessage());
    }

    @Test
    void aCertificateFileWithoutCertificatesOrAMissingFileSaysSo() throws Exception {
        CertificateFileException noCertificate = assertThrows(CertificateFileException.class,
                () -> ServerCertificate.read(pair("rsa-pkcs8.key", "rsa-pkcs8.key"), Instant.now()));
        assertTrue(noCertificate.getMessage().contains("no certificate"), noCertificate.getMessage());
        CertificateFiles missing = new CertificateFiles(dir.resolve("nothing.pem"), dir.resolve("key.pem"));
        CertificateFileException absent = assertThrows(CertificateFileException.class, missing::read);
        assertTrue(absent.getMessage().contains("nothing.pem does not exist"), absent.getMessage());
    }

    @Test
    void bothVariablesOrNeither() throws Exception {
        assertTrue(CertificateFiles.configured(Map.of()).isEmpty());
        assertTrue(CertificateFiles.configured(Map.of("RUNVAULT_TLS_CERT", " ", "RUNVAULT_TLS_KEY", "")).isEmpty());
        CertificateFileException half = assertThrows(CertificateFileException.class,
                () -> CertificateFiles.configured(Map.of("RUNVAULT_TLS_CERT", "/etc/cert.pem")));
        assertTrue(half.getMessage().contains("only RUNVAULT_TLS_CERT is set"), half.getMessage());
        assertEquals(Path.of("/k.pem"), CertificateFiles.configured(
                Map.of("RUNVAULT_TLS_CERT", "/c.pem", "RUNVAULT_TLS_KEY", "/k.pem")).orElseThrow().key());
    }
}
