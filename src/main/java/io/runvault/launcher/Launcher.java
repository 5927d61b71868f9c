package io.runvault.launcher;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar's entry point. Liberty's own launcher refuses to start when its extraction
 * directory exists (a fixed {@code WLP_JAR_EXTRACT_DIR} after any stop or crash), and leaves its
 * default temporary directory behind after a kill. This one claims the extraction directory with a
 * lock the operating system releases when the process dies, removes what a dead server left, runs
 * Liberty's launcher in a child JVM with the directory set, and removes the directory when it stops.
 * It also gives the server its per-installation keystore password, and the operator's certificate
 * (RUNVAULT_TLS_CERT and RUNVAULT_TLS_KEY) when one is configured.
 */
public final class Launcher {

    /** Set in the child's environment: there, this class hands over to Liberty's launcher at once. */
    static final String CHILD_MARKER = "RUNVAULT_LAUNCHER_CHILD";
    static final String KEYSTORE_PASSWORD_VARIABLE = "RUNVAULT_TLS_KEYSTORE_PASSWORD";
    private static final String LIBERTY_LAUNCHER = "wlp.lib.extract.SelfExtractRun";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        if ("1".equals(env.get(CHILD_MARKER))) {
            Class.forName(LIBERTY_LAUNCHER).getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        Path data = Path.of(env.getOrDefault("RUNVAULT_DATA", "./data")).toAbsolutePath().normalize();
        String keystorePassword = KeystorePassword.ensure(data.resolve("tls"));
        CertificateAtStart.install(env, data.resolve("tls"), keystorePassword);
        Extraction extraction = Extraction.claim(env);
        Process child;
        try {
            child = start(args, extraction.directory(), data, keystorePassword);
        } catch (Exception e) {
            extraction.release();
            throw e;
        }
        Thread stopper = new Thread(() -> stop(child, extraction), "runvault-launcher-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit = child.waitFor();
        extraction.release();
        System.exit(exit);
    }

    private static Process start(String[] args, Path extractDirectory, Path data, String keystorePassword)
            throws URISyntaxException, java.io.IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-jar");
        command.add(new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD_MARKER, "1");
        builder.environment().put("WLP_JAR_EXTRACT_DIR", extractDirectory.toString());
        // Absolute: the server resolves paths from its extraction, which a stop deletes.
        builder.environment().put("RUNVAULT_DATA", data.toString());
        builder.environment().put(KEYSTORE_PASSWORD_VARIABLE, keystorePassword);
        return builder.start();
    }

    /** On SIGTERM (or Ctrl-C): stop the server politely, then remove its extraction. */
    private static void stop(Process child, Extraction extraction) {
        child.destroy();
        try {
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        extraction.release();
    }
}
