package io.runvault.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Blake2b256Test {

    // Expected digests produced by `b2sum -l 256` (GNU coreutils 9.1).
    private static final String EMPTY =
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8";
    private static final String ABC =
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319";
    private static final String PATTERN_1 =
            "03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314";
    private static final String PATTERN_127 =
            "f2fe67ff342e21b8f45e8f2e0bcd1d9243245d50ee6c78042e9c491388791c72";
    private static final String PATTERN_128 =
            "c3582f71ebb2be66fa5dd750f80baae97554f3b015663c8be377cfcb2488c1d1";
    private static final String PATTERN_129 =
            "f7f3c46ba2564ff4c4c162da1f5b605f9f1c4aa6a20652a9f9a337c1a2f5b9c9";
    private static final String PATTERN_255 =
            "d9ef0fc521b4266d16df662bec231bc2ec3989e7adeaf63169c295dc239dbbea";
    private static final String PATTERN_256 =
            "582f782226018ec33076bd8d1c42413530ac7e1126260ffc0f306ba3befc3f24";
    private static final String PATTERN_257 =
            "227e15ed64ee8e93eb7bc53828f76eed974f2c4ab1408c3d08f212b7f8d69904";
    private static final String PATTERN_1MIB =
            "8a5a7a9dc3cf203ed374b0a1eea930601ad2acbfe2b4bc62cf83de4ee536528b";

    /** The deterministic pattern the vectors were made from: byte i is i mod 251. */
    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void knownVectors() {
        assertEquals(EMPTY, hex(Blake2b256.hash(new byte[0])));
        assertEquals(ABC, hex(Blake2b256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(PATTERN_1, hex(Blake2b256.hash(pattern(1))));
        assertEquals(PATTERN_127, hex(Blake2b256.hash(pattern(127))));
        assertEquals(PATTERN_128, hex(Blake2b256.hash(pattern(128))));
        assertEquals(PATTERN_129, hex(Blake2b256.hash(pattern(129))));
        assertEquals(PATTERN_255, hex(Blake2b256.hash(pattern(255))));
        assertEquals(PATTERN_256, hex(Blake2b256.hash(pattern(256))));
        assertEquals(PATTERN_257, hex(Blake2b256.hash(pattern(257))));
        assertEquals(PATTERN_1MIB, hex(Blake2b256.hash(pattern(1 << 20))));
    }

    @Test
    void emptyUpdatesGiveEmptyDigest() {
        Blake2b256 h = new Blake2b256();
        h.update(new byte[0], 0, 0);
        h.update(ByteBuffer.allocateDirect(0));
        h.update(ByteBuffer.allocate(0));
        assertEquals(EMPTY, hex(h.digest()));
    }

    @Test
    void digestResetsForReuse() {
        Blake2b256 h = new Blake2b256();
        h.update(pattern(300), 0, 300);
        h.digest();
        h.update("abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        assertEquals(ABC, hex(h.digest()));
        h.update(pattern(10), 0, 10);
        h.reset();
        assertEquals(EMPTY, hex(h.digest()));
    }

    @Test
    void matchesB2sumOnRandomData(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("b2sum"), "b2sum not on PATH");
        Random rnd = new Random(42);
        int[] sizes = {0, 1, 128, 129, 4096 + 17, 65536, 1_000_003};
        for (int size : sizes) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path f = dir.resolve("r" + size + ".bin");
            Files.write(f, data);
            assertEquals(b2sum(f), hex(Blake2b256.hash(data)), "size " + size);
        }
    }

    @Test
    void randomChunkingMatchesOneShot() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int size = trial < 100 ? rnd.nextInt(1024) : rnd.nextInt(200_000);
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            byte[] expected = Blake2b256.hash(data);

            Blake2b256 h = new Blake2b256();
            int pos = 0;
            while (pos < size) {
                // Mostly small chunks, so block boundaries are crossed in every possible way.
                int n = Math.min(size - pos, rnd.nextInt(4) == 0 ? rnd.nextInt(20_000) : rnd.nextInt(260));
                switch (rnd.nextInt(5)) {
                    case 0: { // array slice at a non-zero offset
                        byte[] padded = new byte[n + 5];
                        System.arraycopy(data, pos, padded, 3, n);
                        h.update(padded, 3, n);
                        break;
                    }
                    case 1: { // direct buffer with position/limit inside a larger buffer
                        ByteBuffer b = ByteBuffer.allocateDirect(n + 9);
                        b.position(4);
                        b.put(data, pos, n);
                        b.flip().position(4);
                        h.update(b);
                        assertEquals(b.limit(), b.position());
                        break;
                    }
                    case 2: { // heap buffer slice (non-zero arrayOffset)
                        ByteBuffer b = ByteBuffer.wrap(new byte[n + 8], 2, n + 4).slice();
                        b.put(0, data, pos, n).limit(n);
                        h.update(b);
                        assertEquals(n, b.position());
                        break;
                    }
                    case 3: { // read-only heap buffer: no accessible array
                        h.update(ByteBuffer.wrap(data, pos, n).asReadOnlyBuffer());
                        break;
                    }
                    default:
                        h.update(data, pos, n);
                }
                if (rnd.nextInt(8) == 0) {
                    h.update(data, pos, 0);
                    h.update(ByteBuffer.allocateDirect(0));
                }
                pos += n;
            }
            assertArrayEquals(expected, h.digest(), "trial " + trial + " size " + size);
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static String b2sum(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("b2sum", "-l", "256", f.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("b2sum failed: " + out);
        }
        return out.substring(0, 64);
    }
}
