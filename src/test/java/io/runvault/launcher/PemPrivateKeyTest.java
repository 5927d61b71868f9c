package io.runvault.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

class PemPrivateKeyTest {

    @Test
    void readsAnRsaKeyAsPkcs8AndAsPkcs1() throws Exception {
        PrivateKey pkcs8 = PemPrivateKey.parse(Fixtures.text("rsa-pkcs8.key"), "rsa-pkcs8.key");
        PrivateKey pkcs1 = PemPrivateKey.parse(Fixtures.text("rsa-pkcs1.key"), "rsa-pkcs1.key");
        assertEquals("RSA", pkcs8.getAlgorithm());
        assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded(), "the same key either way");
    }

    @Test
    void readsAnEcKeyAsPkcs8AndAsSec1WithItsParametersBlock() throws Exception {
        PrivateKey pkcs8 = PemPrivateKey.parse(Fixtures.text("ec-pkcs8.key"), "ec-pkcs8.key");
        PrivateKey sec1 = PemPrivateKey.parse(Fixtures.text("ec-sec1.key"), "ec-sec1.key");
        assertEquals("EC", pkcs8.getAlgorithm());
        assertEquals("EC", sec1.getAlgorithm());
        assertEquals(((java.security.interfaces.ECPrivateKey) pkcs8).getS(), ((java.security.interfaces.ECPrivateKey) sec1).getS());
    }

    @Test
    void aSec1KeyWithoutTheParametersBlockUsesItsInlineCurve() throws Exception {
        String text = Fixtures.text("ec-sec1.key");
        String keyOnly = text.substring(text.indexOf("-----BEGIN EC PRIVATE KEY-----"));
        assertEquals("EC", PemPrivateKey.parse(keyOnly, "ec.key").getAlgorithm());
    }

    @Test
    void refusesAnEncryptedKeyWithTheWayOut() {
        CertificateFileException refused = assertThrows(CertificateFileException.class,
                () -> PemPrivateKey.parse(Fixtures.text("rsa-encrypted.key"), "/etc/ssl/key.pem"));
        assertTrue(refused.getMessage().startsWith("/etc/ssl/key.pem: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("encrypted"), refused.getMessage());
    }

    @Test
    void aFileWithoutAKeySaysWhatWasExpected() {
        CertificateFileException refused = assertThrows(CertificateFileException.class,
                () -> PemPrivateKey.parse(Fixtures.text("rsa.crt"), "key.pem"));
        assertTrue(refused.getMessage().contains("no private key"), refused.getMessage());
    }

    @Test
    void aDamagedKeyIsRefusedNotThrownAsSomethingElse() {
        String damaged = "-----BEGIN RSA PRIVATE KEY-----\nMIIBAAAAAAAAAA==\n-----END RSA PRIVATE KEY-----\n";
        CertificateFileException refused = assertThrows(CertificateFileException.class,
                () -> PemPrivateKey.parse(damaged, "key.pem"));
        assertTrue(refused.getMessage().contains("cannot be read"), refused.getMessage());
    }
}
