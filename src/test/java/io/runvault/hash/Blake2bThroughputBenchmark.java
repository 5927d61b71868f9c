package io.runvault.hash;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Throughput comparison of {@link Blake2b256}, BouncyCastle's Blake2bDigest(256) and coreutils
 * {@code b2sum -l 256} on the same file (a plain main program, deliberately not a test).
 *
 * <pre>
 * java -cp test-classes:classes[:bcprov.jar] io.runvault.hash.Blake2bThroughputBenchmark \
 *     [sizeMiB=1024] [reps=5] [file=/tmp/blake2b-bench-SIZEMiB.bin]
 * </pre>
 *
 * The file is created from a fixed seed if missing (or of the wrong size) and then reused. Every
 * contender reads it from the page cache through 1 MiB reads; after one warm-up pass each, the
 * contenders run interleaved for {@code reps} rounds and the median and best MB/s (10^6 bytes/s)
 * are printed. BouncyCastle is loaded reflectively so this compiles without it on the classpath.
 */
public final class Blake2bThroughputBenchmark {

    private static final int CHUNK = 1 << 20;

    private interface Contender {
        String name();

        byte[] run(Path file) throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        int sizeMiB = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path file = Path.of(args.length > 2 ? args[2] : "/tmp/blake2b-bench-" + sizeMiB + "MiB.bin");
        long size = (long) sizeMiB << 20;
        ensureFile(file, size);

        Contender oursDirect = new Contender() {
            public String name() {
                return "ours (direct)";
            }

            public byte[] run(Path f) throws IOException {
                return hashOurs(f, ByteBuffer.allocateDirect(CHUNK));
            }
        };
        Contender oursHeap = new Contender() {
            public String name() {
                return "ours (heap)";
            }

            public byte[] run(Path f) throws IOException {
                return hashOurs(f, ByteBuffer.allocate(CHUNK));
            }
        };
        Contender bc = bouncyCastle();
        Contender b2sum = new Contender() {
            public String name() {
                return "b2sum -l 256";
            }

            public byte[] run(Path f) throws Exception {
                return runB2sum(f);
            }
        };
        Contender[] all = bc == null
                ? new Contender[] {oursDirect, oursHeap, b2sum}
                : new Contender[] {oursDirect, oursHeap, bc, b2sum};
        if (bc == null) {
            System.out.println("BouncyCastle (bcprov) not on the classpath: skipping it");
        }

        System.out.printf("file %s, %d MiB, %d reps after 1 warm-up, java %s%n",
                file, sizeMiB, reps, System.getProperty("java.version"));
        byte[] expected = null;
        for (Contender c : all) { // warm-up, and the digests must all agree
            byte[] d = c.run(file);
            if (expected == null) {
                expected = d;
            } else if (!Arrays.equals(expected, d)) {
                throw new AssertionError(c.name() + " digest " + hex(d) + " != " + hex(expected));
            }
        }
        System.out.println("digest " + hex(expected) + " (all agree)");

        double[][] mbs = new double[all.length][reps];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < all.length; i++) {
                long t = System.nanoTime();
                byte[] d = all[i].run(file);
                long ns = System.nanoTime() - t;
                if (!Arrays.equals(expected, d)) {
                    throw new AssertionError(all[i].name() + " digest mismatch");
                }
                mbs[i][r] = size / (ns / 1e9) / 1e6;
            }
        }
        double[] median = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            double[] s = mbs[i].clone();
            Arrays.sort(s);
            median[i] = s[reps / 2];
            System.out.printf("%-16s median %8.1f MB/s  best %8.1f MB/s%n",
                    all[i].name(), median[i], s[reps - 1]);
        }
        double ref = median[all.length - 1];
        for (int i = 0; i < all.length - 1; i++) {
            System.out.printf("ratio %-16s / b2sum = %.3f%n", all[i].name(), median[i] / ref);
        }
    }

    static byte[] hashOurs(Path file, ByteBuffer buf) throws IOException {
        Blake2b256 h = new Blake2b256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf.clear()) >= 0) {
                h.update(buf.flip());
            }
        }
        return h.digest();
    }

    private static Contender bouncyCastle() throws Exception {
        Class<?> cls;
        try {
            cls = Class.forName("org.bouncycastle.crypto.digests.Blake2bDigest");
        } catch (ClassNotFoundException e) {
            return null;
        }
        MethodHandles.Lookup l = MethodHandles.publicLookup();
        MethodHandle ctor = l.findConstructor(cls, MethodType.methodType(void.class, int.class));
        MethodHandle update = l.findVirtual(cls, "update",
                MethodType.methodType(void.class, byte[].class, int.class, int.class));
        MethodHandle doFinal = l.findVirtual(cls, "doFinal",
                MethodType.methodType(int.class, byte[].class, int.class));
        return new Contender() {
            public String name() {
                return "bouncycastle";
            }

            public byte[] run(Path f) throws Throwable {
                Object d = ctor.invoke(256);
                ByteBuffer buf = ByteBuffer.allocate(CHUNK); // BC takes byte[] only
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    int n;
                    while ((n = ch.read(buf.clear())) >= 0) {
                        update.invoke(d, buf.array(), 0, n);
                    }
                }
                byte[] out = new byte[32];
                int unused = (int) doFinal.invoke(d, out, 0);
                return out;
            }
        };
    }

    private static byte[] runB2sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("b2sum", "-l", "256", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        if (p.waitFor() != 0) {
            throw new IOException("b2sum exited with " + p.exitValue());
        }
        return HexFormat.of().parseHex(out.substring(0, 64));
    }

    private static void ensureFile(Path file, long size) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            return;
        }
        Random rnd = new Random(0x5eed);
        byte[] chunk = new byte[CHUNK];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; done += CHUNK) {
                rnd.nextBytes(chunk);
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(CHUNK, size - done));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
