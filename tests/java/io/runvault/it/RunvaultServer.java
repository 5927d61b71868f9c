package io.runvault.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged appliance ({@code target/runvault.jar}) as a child process, black box: configured only
 * through the documented RUNVAULT_* variables, stopped politely or killed with SIGKILL.
 */
public final class RunvaultServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "it-admin-secret";

    private final Path dataDirectory;
    private final SuiteDatabase.Connection database;
    private final Map<String, String> extraEnvironment;
    private final int httpPort;
    private final int httpsPort;
    private final int internalPort;
    private Process process;
    private Path log;
    private int starts;

    public RunvaultServer(Path dataDirectory, SuiteDatabase.Connection database, Map<String, String> extraEnvironment) {
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.httpPort = freePort();
        this.httpsPort = freePort();
        this.internalPort = freePort();
    }

    /** A server on a new data directory and a new database of the suite's kind. */
    public static RunvaultServer fresh(String name, Map<String, String> extraEnvironment) throws IOException {
        Path data = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "runvault-it-" + name + "-");
        return new RunvaultServer(data, SuiteDatabase.fresh(), extraEnvironment).start();
    }

    public RunvaultServer start() throws IOException {
        Path jar = Path.of(System.getProperty("runvault.jar", "target/runvault.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the appliance first (mvn package): " + jar + " is missing");
        }
        starts++;
        log = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-console-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("RUNVAULT_DATA", dataDirectory.toString());
        env.put("RUNVAULT_HTTP_PORT", String.valueOf(httpPort));
        env.put("RUNVAULT_HTTPS_PORT", String.valueOf(httpsPort));
        env.put("RUNVAULT_INTERNAL_PORT", String.valueOf(internalPort));
        env.put("RUNVAULT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Each server unpacks the jar into its own place: servers must not share a work area.
        env.put("WLP_JAR_EXTRACT_DIR", dataDirectory.resolveSibling(dataDirectory.getFileName() + "-wlp-" + starts).toString());
        env.put("JVM_ARGS", "-Xmx1g");
        if (database.url() != null) {
            env.put("RUNVAULT_DB_URL", database.url());
            env.put("RUNVAULT_DB_USER", database.user());
            env.put("RUNVAULT_DB_PASSWORD", database.password());
        }
        // Suites log in from one address, some with wrong passwords on purpose: the address backoff
        // is for LoginThrottleIT to exercise (it sets its own), not to trip the others.
        env.put("RUNVAULT_LOGIN_ADDRESS_FAILURES", "100000");
        env.putAll(extraEnvironment);
        if (env.get("RUNVAULT_DATA").isEmpty()) {
            // The default data directory: ./data of the directory the jar is started from.
            env.remove("RUNVAULT_DATA");
            if (!dataDirectory.getFileName().toString().equals("data")) {
                throw new IllegalArgumentException("the default data directory is named data: " + dataDirectory);
            }
            builder.directory(dataDirectory.getParent().toFile());
        }
        process = builder.start();
        // Generous: a loaded 2-core machine has taken minutes to start Liberty with the model runtimes.
        awaitReady(Duration.ofSeconds(Long.getLong("runvault.it.startSeconds", 600)));
        return this;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady(Duration timeout) {
        // HTTP/1.1: an h2c upgrade of a readiness poll has wedged a busy server's request threads.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("The server was not ready within " + timeout + ":\n" + logTail());
    }

    /**
     * SIGTERM, as an operator's service manager stops it. The runnable jar's launcher runs the server
     * in a child JVM, so the signal goes to every process of the tree.
     */
    public void stop() throws InterruptedException {
        signalTree(false);
    }

    /** SIGKILL to the server JVM and its launcher: what a power cut or the OOM killer does. */
    public void kill() throws InterruptedException {
        signalTree(true);
    }

    private void signalTree(boolean forcibly) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            if (forcibly) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (ProcessHandle handle : tree) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        process.waitFor();
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The loopback-only port of Liberty's own endpoints (RUNVAULT_INTERNAL_PORT). */
    public int internalPort() {
        return internalPort;
    }

    /** The HTTPS listener's base URL (self-signed certificate; clients must trust all). */
    public String httpsUrl() {
        return "https://localhost:" + httpsPort;
    }

    /** The status of a HEAD of a blob (the generated client cannot read a bodiless 404). */
    public int blobStatus(String digest) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", adminAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Direct database access for tests that inspect or tamper with rows (H2: only while stopped). */
    public String jdbcUrl() {
        return database.url() != null ? database.url()
                : "jdbc:h2:" + dataDirectory.resolve("db").resolve("runvault") + ";MODE=LEGACY;NON_KEYWORDS=VALUE";
    }

    public String jdbcUser() {
        return database.url() != null ? database.user() : "runvault";
    }

    public String jdbcPassword() {
        return database.url() != null ? database.password() : "runvault";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The database this server was given (a null url: the embedded H2 file under the data directory). */
    public SuiteDatabase.Connection database() {
        return database;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String adminAuthorization() {
        return basic("admin", ADMIN_PASSWORD);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * Stops the server and removes its data directory and extracted servers (hundreds of MB each with
     * the DJL natives); the console logs next to them stay for a post-mortem.
     */
    @Override
    public void close() throws InterruptedException {
        stop();
        String prefix = dataDirectory.getFileName() + "-wlp-";
        try (var siblings = Files.list(dataDirectory.getParent())) {
            for (Path dir : siblings.filter(p -> p.equals(dataDirectory) || p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            System.err.println("Could not clean up " + dataDirectory + ": " + e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every port handed out in this JVM: the kernel may offer a port again once it is closed. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before in this JVM. Without the second condition two of a
     * server's three ports could be the same (HTTPS then answers on the internal plain-HTTP port).
     */
    private static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
