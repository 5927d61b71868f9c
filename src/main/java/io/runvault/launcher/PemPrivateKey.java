package io.runvault.launcher;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * An unencrypted private key in PEM: PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519/Ed448,
 * RSASSA-PSS), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, with its named
 * curve inline or in an {@code EC PARAMETERS} block), which is what openssl and the common ACME
 * clients write. The two older forms are wrapped into PKCS#8, the one form Java reads.
 */
final class PemPrivateKey {

    private static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] DER_NULL = {0x05, 0x00};
    private static final List<String> PKCS8_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

    private PemPrivateKey() {
    }

    static PrivateKey parse(String text, String fileName) throws CertificateFileException {
        List<PemBlocks.Block> blocks = PemBlocks.parse(text, fileName);
        byte[] ecParameters = null;
        PemBlocks.Block key = null;
        for (PemBlocks.Block block : blocks) {
            switch (block.label()) {
                case "EC PARAMETERS" -> ecParameters = block.der();
                case "ENCRYPTED PRIVATE KEY" -> throw new CertificateFileException(fileName
                        + ": the private key is encrypted; give an unencrypted key (openssl pkey -in KEY -out PLAIN)");
                case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (key != null) {
                        throw new CertificateFileException(fileName + ": more than one private key");
                    }
                    key = block;
                }
                default -> {
                    // certificates or other blocks next to the key are allowed and ignored
                }
            }
        }
        if (key == null) {
            throw new CertificateFileException(fileName + ": no private key (expected a PEM block BEGIN PRIVATE KEY,"
                    + " BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
        }
        try {
            byte[] pkcs8 = switch (key.label()) {
                case "RSA PRIVATE KEY" -> pkcs8(concat(RSA_ENCRYPTION, DER_NULL), key.der());
                case "EC PRIVATE KEY" -> pkcs8(concat(EC_PUBLIC_KEY, curveOf(key.der(), ecParameters)), key.der());
                default -> key.der();
            };
            return fromPkcs8(pkcs8);
        } catch (CertificateFileException | RuntimeException e) {
            throw new CertificateFileException(fileName + ": the " + key.label() + " cannot be read ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    private static PrivateKey fromPkcs8(byte[] pkcs8) throws CertificateFileException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : PKCS8_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new CertificateFileException("not an RSA, EC or EdDSA key");
    }

    /** The named curve of a SEC1 key: its {@code [0]} field, or the separate EC PARAMETERS block. */
    private static byte[] curveOf(byte[] sec1, byte[] ecParameters) throws CertificateFileException {
        Der.Reader sequence = new Der.Reader(sec1).enter(0x30);
        sequence.next(0x02); // version
        sequence.next(0x04); // the private key
        while (sequence.hasMore()) {
            Der.Element element = sequence.next(-1);
            if (element.tag() == 0xa0) {
                return element.content();
            }
        }
        if (ecParameters != null && ecParameters.length > 0 && ecParameters[0] == 0x06) {
            return ecParameters;
        }
        throw new CertificateFileException("the EC key names no curve");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key } */
    private static byte[] pkcs8(byte[] algorithmParts, byte[] key) {
        return Der.tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, Der.tlv(0x30, algorithmParts), Der.tlv(0x04, key)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Just enough DER to read a SEC1 key and write a PKCS#8 one. */
    static final class Der {

        record Element(int tag, byte[] content) {
        }

        static final class Reader {
            private final byte[] bytes;
            private int position;
            private final int end;

            Reader(byte[] bytes) {
                this(bytes, 0, bytes.length);
            }

            private Reader(byte[] bytes, int start, int end) {
                this.bytes = bytes;
                this.position = start;
                this.end = end;
            }

            boolean hasMore() {
                return position < end;
            }

            /** The next element; {@code expectedTag} -1 takes any. */
            Element next(int expectedTag) throws CertificateFileException {
                if (position + 2 > end) {
                    throw new CertificateFileException("truncated DER");
                }
                int tag = bytes[position++] & 0xff;
                if (expectedTag >= 0 && tag != expectedTag) {
                    throw new CertificateFileException("unexpected DER tag " + tag);
                }
                int length = bytes[position++] & 0xff;
                if (length > 0x7f) {
                    int octets = length & 0x7f;
                    if (octets > 3 || position + octets > end) {
                        throw new CertificateFileException("bad DER length");
                    }
                    length = 0;
                    for (int i = 0; i < octets; i++) {
                        length = (length << 8) | (bytes[position++] & 0xff);
                    }
                }
                if (position + length > end) {
                    throw new CertificateFileException("truncated DER");
                }
                byte[] content = Arrays.copyOfRange(bytes, position, position + length);
                position += length;
                return new Element(tag, content);
            }

            Reader enter(int expectedTag) throws CertificateFileException {
                return new Reader(next(expectedTag).content());
            }
        }

        static byte[] tlv(int tag, byte[] content) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else if (length < 0x100) {
                out.write(0x81);
                out.write(length);
            } else if (length < 0x10000) {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length);
            } else {
                out.write(0x83);
                out.write(length >> 16);
                out.write(length >> 8);
                out.write(length);
            }
            out.writeBytes(content);
            return out.toByteArray();
        }
    }
}
