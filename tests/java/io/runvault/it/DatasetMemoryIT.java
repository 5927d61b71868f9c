package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Dataset uploads inside every configured limit (the defaults) that would need more memory than the
 * server has: refused with 413 while the heap stays bounded, and the server keeps answering. Its
 * own server with a 1 GiB heap, so that the memory limit is the heap share, not the byte limits.
 */
// Run once, on the embedded default: datasets are refused while they are read, before the database is touched.
@EnabledIfSystemProperty(named = "runvault.test.database", matches = "h2")
class DatasetMemoryIT {

    private static final long HEAP = 1L << 30;
    private static RunvaultServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        server = RunvaultServer.fresh("dataset-memory", RunvaultServer.env("JVM_ARGS", "-Xmx" + (HEAP >> 20) + "m"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    /** An npz holding {@code train_images} uint8 of the shape and matching labels, all zeros, deflated. */
    static byte[] npzOfZeros(int n, int h, int w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("train_images.npy"));
            zip.write(npyHeader("(" + n + ", " + h + ", " + w + ")"));
            zeros(zip, (long) n * h * w);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("train_labels.npy"));
            zip.write(npyHeader("(" + n + ",)"));
            zeros(zip, n);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** An NPY 1.0 header for uint8 in C order, padded to a multiple of 64 bytes as NumPy writes it. */
    static byte[] npyHeader(String shape) {
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        header.write(text.length() & 0xff);
        header.write(text.length() >> 8);
        header.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return header.toByteArray();
    }

    /** A zip of one class folder holding one "PNG": the PNG signature, then {@code size} zeros. */
    static byte[] zipOfOneHugeEntry(long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("cat/huge.png"));
            zip.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
            zeros(zip, size);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static void zeros(OutputStream out, long count) throws IOException {
        byte[] chunk = new byte[1 << 20];
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    private HttpResponse<String> upload(String name, String format, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets?name=" + name + "&format=" + format))
                        .header("Authorization", RunvaultServer.adminAuthorization())
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertTooLarge(String name, HttpResponse<String> response) throws Exception {
        assertEquals(413, response.statusCode(), name + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), name);
        assertEquals("/problems/dataset-too-large", new ObjectMapper().readTree(response.body()).get("type").asText());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets/" + name))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), name + " was registered");
    }

    /** The server's heap in bytes from its Prometheus metrics: {@code used} or {@code max}. */
    private long heap(String which) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics?scope=base"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^memory_" + which + "Heap_bytes(\\{[^}]*\\})? ([0-9.E+]+)").matcher(metrics);
        assertTrue(m.find(), "no memory_" + which + "Heap_bytes in /metrics");
        return (long) Double.parseDouble(m.group(2));
    }

    private void assertServerWell() throws Exception {
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertFalse(server.log().contains("OutOfMemoryError"), "the server ran out of memory:\n" + server.logTail());
        long max = heap("max");
        long used = heap("used");
        System.out.printf("DatasetMemoryIT heap: used %d MiB of max %d MiB%n", used >> 20, max >> 20);
        assertTrue(max <= HEAP + (HEAP >> 4), "the server runs with the small heap: " + max);
    }

    @Test
    void aOneMegabyteNpzDeclaringAMillionImagesIsRefusedWithoutExhaustingTheHeap() throws Exception {
        // The shape of the report: uint8 (1360000, 28, 28), 1,066,240,000 bytes inflated, just under the 1 GiB
        // byte limit; as float pixels it would take 4.3 GB.
        byte[] npz = npzOfZeros(1_360_000, 28, 28);
        assertTrue(npz.length < 2_000_000, "compressed to " + npz.length);
        assertTooLarge("million-images", upload("million-images", "npz", npz));
        assertServerWell();
    }

    @Test
    void fourConcurrentZipsOfOneHugeEntryAreEachRefusedAndTheServerStaysUp() throws Exception {
        byte[] zip = zipOfOneHugeEntry((1L << 30) + (100L << 20)); // 1.1 GiB inflated, about 1 MB stored
        assertTrue(zip.length < 4_000_000, "compressed to " + zip.length);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "huge-entry-" + i;
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> upload(name, "image-folder", zip)));
            }
            for (int i = 0; i < 4; i++) {
                assertTooLarge("huge-entry-" + i, answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertServerWell();
    }
}
