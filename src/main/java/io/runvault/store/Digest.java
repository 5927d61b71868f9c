package io.runvault.store;

import io.runvault.hash.Blake2b256;
import io.runvault.problem.InvalidRequestException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A BLAKE2b-256 content address, written {@code blake2b:<64 lowercase hex>}. */
public record Digest(String hex) {

    public static final String PREFIX = Blake2b256.PREFIX;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidRequestException("bad-digest",
                    "A digest is 'blake2b:' followed by 64 lowercase hex digits");
        }
    }

    public static Digest parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidRequestException("bad-digest",
                    "A digest is 'blake2b:' followed by 64 lowercase hex digits, got: " + abbreviate(text));
        }
        return new Digest(text.substring(PREFIX.length()));
    }

    public static Digest of(byte[] hash) {
        return new Digest(HexFormat.of().formatHex(hash));
    }

    public static Digest compute(byte[] data) {
        return of(Blake2b256.hash(data));
    }

    /** The digest of a file's content, streamed. */
    public static Digest compute(java.nio.file.Path file) throws java.io.IOException {
        Blake2b256 hash = new Blake2b256();
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                hash.update(buffer, 0, n);
            }
        }
        return of(hash.digest());
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "nothing";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
