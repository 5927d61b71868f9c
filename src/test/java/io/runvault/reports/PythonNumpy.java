package io.runvault.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Debian's /usr/bin/python3 with numpy, when installed (tests/packages.txt lists python3-numpy). */
final class PythonNumpy {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private PythonNumpy() {
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                available = Files.isExecutable(PYTHON) && run("import numpy").isEmpty();
            } catch (IOException | RuntimeException e) {
                available = false;
            }
        }
        return available;
    }

    /** Runs a script, returns its stdout; fails on a non-zero exit with stderr in the message. */
    static String run(String script, String... args) throws IOException {
        String[] cmd = new String[3 + args.length];
        cmd[0] = PYTHON.toString();
        cmd[1] = "-c";
        cmd[2] = script;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException("python failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
