package io.runvault.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only certificates and keys (src/test/resources/io/runvault/launcher, made with openssl, valid
 * for 100 years): rsa.crt with its key as PKCS#8 and PKCS#1, ec.crt (P-256) with PKCS#8 and SEC1,
 * leaf-chain.crt (leaf.runvault.test then the CA that signed it) with leaf.key.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Copies a fixture to {@code target} (replacing it). */
    public static Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.write(target, bytes(name));
    }
}
