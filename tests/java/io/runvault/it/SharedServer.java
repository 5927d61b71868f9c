package io.runvault.it;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One appliance for the suites that do not restart it, started on first use and stopped when the
 * test JVM ends. Limits are lowered so that the 413 paths can be exercised with small bodies.
 */
public final class SharedServer {

    public static final long BLOB_LIMIT = 8L << 20;
    public static final long MANIFEST_LIMIT = 1L << 20;
    private static RunvaultServer server;

    private SharedServer() {
    }

    public static synchronized RunvaultServer get() {
        if (server == null) {
            try {
                server = RunvaultServer.fresh("shared", RunvaultServer.env(
                        "RUNVAULT_BLOB_MAX_BYTES", String.valueOf(BLOB_LIMIT),
                        "RUNVAULT_MANIFEST_MAX_BYTES", String.valueOf(MANIFEST_LIMIT)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RunvaultServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return server;
    }
}
