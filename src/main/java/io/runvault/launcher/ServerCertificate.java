package io.runvault.launcher;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The HTTPS listener's identity from the operator's PEM files: the certificate chain (the server's
 * own certificate first, then the intermediates, as in a {@code fullchain.pem}) and its private key.
 * {@link #read} takes it only when the key belongs to the first certificate and that certificate is
 * valid now, so a mistaken replacement never reaches the listener.
 */
public record ServerCertificate(PrivateKey key, List<X509Certificate> chain) {

    public ServerCertificate {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** For the log: whose certificate, until when. */
    public String describe() {
        X509Certificate certificate = certificate();
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16)
                + ", valid until " + certificate.getNotAfter().toInstant() + ")";
    }

    /** Reads and checks the two files' contents, as of {@code now}. */
    public static ServerCertificate read(CertificateFiles.Contents contents, Instant now) throws CertificateFileException {
        CertificateFiles files = contents.files();
        List<X509Certificate> chain = certificates(new String(contents.certificate(), StandardCharsets.US_ASCII),
                files.certificate().toString());
        PrivateKey key = PemPrivateKey.parse(new String(contents.key(), StandardCharsets.US_ASCII), files.key().toString());
        ServerCertificate identity = new ServerCertificate(key, chain);
        identity.check(now, files);
        return identity;
    }

    private static List<X509Certificate> certificates(String text, String fileName) throws CertificateFileException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlocks.Block block : PemBlocks.parse(text, fileName)) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new CertificateFileException(fileName + ": a certificate cannot be read (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new CertificateFileException(fileName + ": no certificate (expected PEM blocks BEGIN CERTIFICATE)");
        }
        return chain;
    }

    private void check(Instant now, CertificateFiles files) throws CertificateFileException {
        X509Certificate certificate = certificate();
        if (!matches(key, certificate)) {
            throw new CertificateFileException("the private key in " + files.key() + " does not belong to the first"
                    + " certificate in " + files.certificate() + " (" + certificate.getSubjectX500Principal().getName()
                    + "); the server's own certificate must come first, then its intermediates");
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new CertificateFileException("the certificate in " + files.certificate() + " ("
                    + certificate.getSubjectX500Principal().getName() + ") expired on " + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new CertificateFileException("the certificate in " + files.certificate() + " ("
                    + certificate.getSubjectX500Principal().getName() + ") is not valid before "
                    + certificate.getNotBefore().toInstant() + " (is this machine's clock right?)");
        }
    }

    /** Whether the key signs what the certificate's public key verifies: works for every key type. */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            byte[] probe = ("runvault " + new Date().getTime()).getBytes(StandardCharsets.US_ASCII);
            Signature signer = signature(key.getAlgorithm());
            signer.initSign(key);
            signer.update(probe);
            byte[] signed = signer.sign();
            Signature verifier = signature(key.getAlgorithm());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a key of another type than the certificate's, say
        }
    }

    private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
        return switch (keyAlgorithm) {
            case "RSA" -> Signature.getInstance("SHA256withRSA");
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            case "RSASSA-PSS" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> Signature.getInstance(keyAlgorithm); // EdDSA, Ed25519, Ed448
        };
    }
}
