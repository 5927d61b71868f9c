package io.runvault.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Test data and the reference hasher: coreutils' {@code b2sum -l 256}, run as a process. */
public final class Blobs {

    private Blobs() {
    }

    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The digest as b2sum prints it, in Runvault's notation. */
    public static String b2sum(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("b2sum", "-l", "256", file.toString()).start();
        String out;
        try (InputStream stdout = process.getInputStream()) {
            out = new String(stdout.readAllBytes());
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("b2sum failed on " + file);
        }
        return "blake2b:" + out.substring(0, 64);
    }

    public static String b2sum(byte[] bytes) throws IOException, InterruptedException {
        Path file = Files.createTempFile("b2sum", ".bin");
        try {
            Files.write(file, bytes);
            return b2sum(file);
        } finally {
            Files.delete(file);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
