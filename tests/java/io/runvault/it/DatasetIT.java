package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.AdminApi;
import io.runvault.client.api.DatasetsApi;
import io.runvault.client.api.JobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.Dataset;
import io.runvault.client.model.DatasetImport;
import io.runvault.client.model.GcReport;
import io.runvault.client.model.GcRequest;
import io.runvault.client.model.Job;
import io.runvault.client.model.Run;
import io.runvault.client.model.TrainJobSpec;
import io.runvault.reports.NpyArray;
import io.runvault.reports.NpzWriter;
import io.runvault.store.Digest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dataset registry through the packaged server: uploads of each format made in the test, hostile
 * uploads refused with nothing left behind, server-side import limited to its roots, and a training
 * job on an uploaded dataset. Its own server: import roots and small limits are configured.
 */
class DatasetIT {

    private static final long UPLOAD_LIMIT = 2L << 20;
    private static final long UNPACKED_LIMIT = 8L << 20;
    private static Path roots;
    private static RunvaultServer server;
    private static ApiClient admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        roots = Files.createTempDirectory("runvault-it-import-");
        Files.createDirectories(roots.resolve("allowed"));
        Files.createDirectories(roots.resolve("outside"));
        server = RunvaultServer.fresh("datasets", RunvaultServer.env(
                "RUNVAULT_IMPORT_ROOTS", roots.resolve("allowed") + ":" + roots.resolve("not-there"),
                "RUNVAULT_DATASETS_MAX_UPLOAD_BYTES", String.valueOf(UPLOAD_LIMIT),
                "RUNVAULT_DATASETS_MAX_UNPACKED_BYTES", String.valueOf(UNPACKED_LIMIT)));
        admin = Clients.admin(server);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    // ---- datasets made in the test ----

    /** Three splits of 8x8 grey images; each class has its own brightness so a tiny model can learn it. */
    static byte[] npz(int perSplit, long[] labelOverride) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test")) {
            byte[] px = new byte[perSplit * 64];
            long[] labels = new long[perSplit];
            for (int i = 0; i < perSplit; i++) {
                labels[i] = i % 3;
                for (int p = 0; p < 64; p++) {
                    px[i * 64 + p] = (byte) (labels[i] * 100 + (p + i) % 20);
                }
            }
            arrays.put(split + "_images", NpyArray.ofUint8(px, perSplit, 8, 8));
            arrays.put(split + "_labels", NpyArray.ofLongs(split.equals("train") && labelOverride != null ? labelOverride : labels));
        }
        return npz(arrays);
    }

    static byte[] npz(Map<String, NpyArray> arrays) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter.write(out, arrays);
        return out.toByteArray();
    }

    static byte[] png(int width, int height, int shade) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((shade + x) & 0xff) << 16 | ((shade + y) & 0xff) << 8 | shade);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] zip(Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                zip.write((byte[]) namesAndBytes[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] imageFolder() throws IOException {
        List<Object> entries = new ArrayList<>();
        for (String cls : List.of("cat", "dog")) {
            for (int i = 0; i < 5; i++) {
                entries.add(cls + "/" + i + ".png");
                entries.add(png(10, 10, (cls.equals("cat") ? 20 : 180) + i));
            }
        }
        return zip(entries.toArray());
    }

    static byte[] patients() {
        StringBuilder csv = new StringBuilder("age,patient,marker,diagnosis\n");
        for (int p = 0; p < 30; p++) {
            for (int k = 0; k < 3; k++) {
                csv.append(30 + p).append(",p").append(p).append(',').append(p % 2 + k * 0.1).append(',')
                        .append(p % 2 == 0 ? "healthy" : "sick").append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- raw HTTP for uploads (hostile ones a client would not send) ----

    private HttpResponse<String> upload(String authorization, String query, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets?" + query))
                        .header("Authorization", authorization).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String query, byte[] body) throws Exception {
        return upload(RunvaultServer.adminAuthorization(), query, body);
    }

    private static String q(String name, String format, String... more) {
        StringBuilder s = new StringBuilder("name=" + name + "&format=" + format);
        for (int i = 0; i < more.length; i += 2) {
            s.append('&').append(more[i]).append('=').append(URLEncoder.encode(more[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }

    /** The dataset's digest is the BLAKE2b of its manifest, stored as a blob; the manifest names the uploaded file's digest. */
    private void checkDigests(Dataset dataset, byte[] uploaded) throws Exception {
        byte[] manifest = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/blobs/" + dataset.getDigest()))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        assertEquals(dataset.getDigest(), Digest.compute(manifest).toString());
        String source = Digest.compute(uploaded).toString();
        assertEquals(source, dataset.getFiles().get(0).getDigest());
        assertEquals(uploaded.length, dataset.getFiles().get(0).getSize().longValue());
        assertTrue(new String(manifest, StandardCharsets.UTF_8).contains("\"digest\":\"" + source + "\""));
    }

    @Test
    void registersNpzImageFolderAndCsvUploadsAndDescribesThem() throws Exception {
        DatasetsApi datasets = new DatasetsApi(admin);
        String contributor = Users.create(server, "contributor").authorization();

        byte[] npz = npz(30, null);
        HttpResponse<String> created = upload(contributor, q("blood-cells", "npz", "classes", "a", "classes", "b", "classes", "c"), npz);
        assertEquals(201, created.statusCode(), created.body());
        Dataset blood = datasets.getDataset("blood-cells");
        assertEquals("npz", blood.getFormat());
        assertEquals(List.of("a", "b", "c"), blood.getClasses());
        assertEquals(List.of(1, 8, 8), List.of(blood.getShape().getChannels(), blood.getShape().getHeight(), blood.getShape().getWidth()));
        assertEquals(Set.of("train", "val", "test"), blood.getSplits().keySet());
        assertEquals(30, blood.getSplits().get("val").getCount().intValue());
        assertEquals(Map.of("a", 10, "b", 10, "c", 10), blood.getSplits().get("test").getPerClass());
        assertEquals("own", blood.getTestSplit());
        assertTrue(blood.getCreatedBy().startsWith("contributor-"));
        checkDigests(blood, npz);
        assertEquals(blood.getDigest(), json(created).get("digest").asText());

        byte[] folder = imageFolder();
        assertEquals(201, upload(q("pets", "image-folder"), folder).statusCode());
        Dataset pets = datasets.getDataset("pets");
        assertEquals(List.of("cat", "dog"), pets.getClasses());
        assertEquals(3, pets.getShape().getChannels());
        assertEquals("derived", pets.getTestSplit());
        assertEquals(8, pets.getSplits().get("train").getCount().intValue());
        assertEquals(Map.of("cat", 1, "dog", 1), pets.getSplits().get("test").getPerClass());
        checkDigests(pets, folder);

        byte[] csv = patients();
        assertEquals(201, upload(q("patients", "csv", "labelColumn", "diagnosis", "groupColumn", "patient"), csv).statusCode());
        Dataset patients = datasets.getDataset("patients");
        assertEquals(List.of(1, 1, 2), List.of(patients.getShape().getChannels(), patients.getShape().getHeight(),
                patients.getShape().getWidth()));
        assertEquals(30, patients.getGroups().intValue());
        assertEquals("patient", patients.getGroupColumn());
        assertEquals(0, patients.getSplits().get("test").getCount().intValue() % 3, "whole patients in the test split");
        checkDigests(patients, csv);

        // The same name twice: 409. The same content under another name: the same digest, the blobs shared.
        HttpResponse<String> again = upload(q("pets", "image-folder"), folder);
        assertEquals(409, again.statusCode());
        assertTrue(again.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(201, upload(q("pets-copy", "image-folder"), folder).statusCode());
        assertEquals(pets.getDigest(), datasets.getDataset("pets-copy").getDigest());
        List<String> names = datasets.listDatasets().stream().map(Dataset::getName).toList();
        assertTrue(names.containsAll(List.of("blood-cells", "pets", "pets-copy", "patients")), names.toString());

        // Reading needs any role; registering needs contributor.
        String viewer = Users.create(server, "viewer").authorization();
        assertEquals(403, upload(viewer, q("by-viewer", "image-folder"), folder).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets/pets"))
                .header("Authorization", viewer).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(404, assertThrows(ApiException.class, () -> datasets.getDataset("no-such-dataset")).getCode());

        String audit = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/audit?action=dataset.register"))
                .header("Authorization", RunvaultServer.adminAuthorization()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(audit.contains("\"target\":\"blood-cells\"") && audit.contains(blood.getDigest()), audit);
    }

    @Test
    void refusesHostileUploadsWithAProblemAndLeavesNothingBehind() throws Exception {
        byte[] png = png(10, 10, 5);
        byte[] bombEntry = new byte[UNPACKED_LIMIT > Integer.MAX_VALUE ? 0 : (int) UNPACKED_LIMIT + 1024];
        Map<String, NpyArray> labelsShort = new LinkedHashMap<>();
        labelsShort.put("train_images", NpyArray.ofUint8(new byte[3 * 64], 3, 8, 8));
        labelsShort.put("train_labels", NpyArray.ofLongs(new long[] {0, 1}));
        Map<String, NpyArray> flat = new LinkedHashMap<>();
        flat.put("train_images", NpyArray.ofUint8(new byte[3 * 8], 3, 8));
        flat.put("train_labels", NpyArray.ofLongs(new long[] {0, 1, 0}));
        Map<String, NpyArray> floatLabels = new LinkedHashMap<>();
        floatLabels.put("train_images", NpyArray.ofUint8(new byte[2 * 64], 2, 8, 8));
        floatLabels.put("train_labels", NpyArray.ofDoubles(new double[] {0, 0.5}));
        byte[] truncated = npz(30, null);
        truncated = Arrays.copyOf(truncated, truncated.length / 2);

        record Hostile(String name, String query, byte[] body, int status) {
        }
        List<Hostile> cases = List.of(
                new Hostile("zip-slip", q("zip-slip", "image-folder"), zip("cat/1.png", png, "../evil.png", png), 400),
                new Hostile("zip-absolute", q("zip-absolute", "image-folder"), zip("/tmp/evil/cat.png", png), 400),
                new Hostile("zip-bomb", q("zip-bomb", "image-folder"), zip("cat/1.png", png, "cat/2.png", bombEntry), 413),
                new Hostile("not-an-image", q("not-an-image", "image-folder"), zip("cat/1.png", png, "cat/x.png", "<html>".getBytes()), 400),
                new Hostile("sizes-differ", q("sizes-differ", "image-folder"), zip("cat/1.png", png, "dog/1.png", png(12, 10, 5)), 400),
                new Hostile("npz-labels-short", q("npz-labels-short", "npz"), npz(labelsShort), 400),
                new Hostile("npz-2d", q("npz-2d", "npz"), npz(flat), 400),
                new Hostile("npz-float-labels", q("npz-float-labels", "npz"), npz(floatLabels), 400),
                new Hostile("npz-label-range", q("npz-label-range", "npz", "classes", "a", "classes", "b"), npz(27, null), 400),
                new Hostile("npz-negative", q("npz-negative", "npz"), npz(3, new long[] {0, -1, 1}), 400),
                new Hostile("npz-truncated", q("npz-truncated", "npz"), truncated, 400),
                new Hostile("csv-text", q("csv-text", "csv", "labelColumn", "y"), "a,y\n1,0\nten,1\n".getBytes(), 400),
                new Hostile("csv-no-label", q("csv-no-label", "csv", "labelColumn", "y"), "a,b\n1,0\n".getBytes(), 400),
                new Hostile("csv-ragged", q("csv-ragged", "csv", "labelColumn", "y"), "a,b,y\n1,2,0\n3,1\n".getBytes(), 400),
                new Hostile("csv-empty", q("csv-empty", "csv", "labelColumn", "y"), "a,b,y\n".getBytes(), 400),
                new Hostile("csv-no-label-param", q("csv-no-label-param", "csv"), "a,y\n1,0\n".getBytes(), 400),
                new Hostile("idx-upload", q("idx-upload", "idx"), new byte[] {0, 0, 8, 1}, 400),
                new Hostile("bad-format", q("bad-format", "parquet"), new byte[] {1}, 400),
                new Hostile("Bad Name", "name=Bad%20Name&format=csv&labelColumn=y", "a,y\n1,0\n".getBytes(), 400),
                new Hostile("empty-body", q("empty-body", "npz"), new byte[0], 400),
                new Hostile("too-large", q("too-large", "npz"), new byte[(int) UPLOAD_LIMIT + 1], 413));
        List<String> hostileNames = new ArrayList<>();
        for (Hostile c : cases) {
            HttpResponse<String> response = upload(c.query(), c.body());
            assertEquals(c.status(), response.statusCode(), c.name() + " -> " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), c.name());
            assertEquals(c.status(), json(response).get("status").asInt());
            if (c.body().length > 0) {
                assertEquals(404, server.blobStatus(Digest.compute(c.body()).toString()), c.name() + ": its bytes were stored");
            }
            hostileNames.add(c.name());
        }
        assertEquals(400, truncatedUpload(), "an upload that stops before its Content-Length");

        List<String> names = new DatasetsApi(admin).listDatasets().stream().map(Dataset::getName).toList();
        for (String name : hostileNames) {
            assertFalse(names.contains(name), name + " was registered");
        }
        try (var staged = Files.list(server.dataDirectory().resolve("blobs").resolve(".tmp"))) {
            assertEquals(List.of(), staged.filter(p -> p.getFileName().toString().startsWith("dataset-")).toList(),
                    "no staged upload left behind");
        }
    }

    /** Announces 4000 bytes, sends 1000, then closes its side: the server must answer 400. */
    private int truncatedUpload() throws IOException {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/datasets?name=cut-off&format=npz HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + RunvaultServer.adminAuthorization() + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 4000\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(Arrays.copyOf(npz(30, null), 1000));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void importsFromAnAllowedRootOnlyAndOnlyForAdministrators() throws Exception {
        DatasetsApi datasets = new DatasetsApi(admin);
        Path inside = Files.write(roots.resolve("allowed").resolve("patients.csv"), patients());
        Path outside = Files.write(roots.resolve("outside").resolve("patients.csv"), patients());
        Files.createSymbolicLink(roots.resolve("allowed").resolve("escape.csv"), outside);

        Dataset imported = datasets.importDataset(new DatasetImport().name("patients-imported").format("csv")
                .path(inside.toString()).labelColumn("diagnosis").groupColumn("patient"));
        assertEquals(30, imported.getGroups().intValue());
        assertEquals(Digest.compute(patients()).toString(), imported.getFiles().get(0).getDigest());

        for (String path : List.of(outside.toString(), roots.resolve("allowed") + "/../outside/patients.csv",
                roots.resolve("allowed").resolve("escape.csv").toString(), "/etc/passwd")) {
            ApiException refused = assertThrows(ApiException.class, () -> datasets.importDataset(new DatasetImport()
                    .name("escaped").format("csv").path(path).labelColumn("diagnosis")));
            assertEquals(403, refused.getCode(), path + ": " + refused.getResponseBody());
            assertTrue(refused.getResponseBody().contains("outside-import-roots"));
        }
        assertEquals(404, assertThrows(ApiException.class, () -> datasets.importDataset(new DatasetImport().name("gone")
                .format("csv").path(roots.resolve("allowed").resolve("none.csv").toString()).labelColumn("d"))).getCode());
        assertEquals(404, assertThrows(ApiException.class, () -> datasets.getDataset("escaped")).getCode());

        String contributor = Users.create(server, "contributor").authorization();
        HttpResponse<String> byContributor = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/datasets/import"))
                .header("Authorization", contributor).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"c\",\"format\":\"csv\",\"path\":\"" + inside
                        + "\",\"labelColumn\":\"diagnosis\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, byContributor.statusCode());
    }

    /** An IDX file: two zero bytes, unsigned byte type, the rank, the dimensions big-endian, the values. */
    static byte[] idx(int[] dims, byte[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(values).array();
    }

    /** An MNIST-style folder of 6 training and 3 test images of 4x4 in two classes; {@code except} is left out. */
    static Path idxFolder(Path dir, String except) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> files = Map.of(
                "train-images-idx3-ubyte", idx(new int[] {6, 4, 4}, new byte[6 * 16]),
                "train-labels-idx1-ubyte", idx(new int[] {6}, new byte[] {0, 1, 0, 1, 0, 1}),
                "t10k-images-idx3-ubyte", idx(new int[] {3, 4, 4}, new byte[3 * 16]),
                "t10k-labels-idx1-ubyte", idx(new int[] {3}, new byte[] {0, 1, 0}));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().equals(except)) {
                Files.write(dir.resolve(file.getKey()), file.getValue());
            }
        }
        return dir;
    }

    @Test
    void anIdxFolderCannotReadAFileOutsideTheRootsThroughALinkNorLeakItsBytes() throws Exception {
        DatasetsApi datasets = new DatasetsApi(admin);
        // A secret outside the roots whose first bytes are not an IDX header: once its "magic" was in the answer.
        Path secret = Files.write(roots.resolve("outside").resolve("secret.key"), "SECRET-KEY-0123456789".getBytes());
        Path folder = idxFolder(roots.resolve("allowed").resolve("digits-linked"), "train-images-idx3-ubyte");
        Files.createSymbolicLink(folder.resolve("train-images-idx3-ubyte"), secret);

        ApiException refused = assertThrows(ApiException.class, () -> datasets.importDataset(new DatasetImport()
                .name("digits-linked").format("idx").path(folder.toString())));
        String body = refused.getResponseBody();
        assertEquals(403, refused.getCode(), body);
        assertTrue(body.contains("outside-import-roots"), body);
        for (String leak : List.of("SECRET", "53454352", "secret.key")) {
            assertFalse(body.contains(leak), "the answer shows the outside file: " + body);
        }
        assertEquals(404, assertThrows(ApiException.class, () -> datasets.getDataset("digits-linked")).getCode());

        // A link that stays inside the roots is read as the file it leads to.
        Path real = idxFolder(roots.resolve("allowed").resolve("digits-real"), null);
        Path inside = idxFolder(roots.resolve("allowed").resolve("digits-inside"), "train-images-idx3-ubyte");
        Files.createSymbolicLink(inside.resolve("train-images-idx3-ubyte"), real.resolve("train-images-idx3-ubyte"));
        Dataset digits = datasets.importDataset(new DatasetImport().name("digits-inside").format("idx").path(inside.toString()));
        assertEquals(6, digits.getSplits().get("train").getCount().intValue());
        assertEquals(Digest.compute(Files.readAllBytes(real.resolve("train-images-idx3-ubyte"))).toString(),
                digits.getFiles().stream().filter(f -> f.getRole().equals("train-images")).findFirst().orElseThrow().getDigest());
    }

    @Test
    void refusesImageFolderZipsWithADuplicateNameOrNamesDifferingOnlyInCase() throws Exception {
        byte[] cat = png(10, 10, 20);
        byte[] dog = png(10, 10, 180);
        // A zip writer will not write a name twice: write two names of one length, then make them equal.
        byte[] twice = replaceAll(zip("cat/1.png", cat, "cat/2.png", dog, "dog/1.png", dog), "cat/2.png", "cat/1.png");
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("zip-twice", twice);
        cases.put("zip-case-file", zip("cat/1.png", cat, "cat/1.PNG", dog, "dog/1.png", dog));
        cases.put("zip-case-folder", zip("cat/1.png", cat, "Cat/2.png", dog, "dog/1.png", dog));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            HttpResponse<String> response = upload(q(c.getKey(), "image-folder"), c.getValue());
            assertEquals(400, response.statusCode(), c.getKey() + " -> " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(response.body().contains("twice") || response.body().contains("letter case"), response.body());
            assertEquals(404, server.blobStatus(Digest.compute(c.getValue()).toString()), c.getKey() + ": stored");
            assertEquals(404, assertThrows(ApiException.class, () -> new DatasetsApi(admin).getDataset(c.getKey())).getCode());
        }
    }

    @Test
    void chargesDecodedPixelsNotJustTheBytesInflated() throws Exception {
        // 6000 images of 28x28: 4.7 MB of uint8 inflated, inside the 8 MiB limit, and as many again once
        // held as pixels.
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("train_images", NpyArray.ofUint8(new byte[6000 * 28 * 28], 6000, 28, 28));
        arrays.put("train_labels", NpyArray.ofLongs(new long[6000]));
        byte[] npz = npz(arrays);
        HttpResponse<String> response = upload(q("pixels-held", "npz"), npz);
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("/problems/dataset-too-large", json(response).get("type").asText());
        assertEquals(404, server.blobStatus(Digest.compute(npz).toString()));
        assertEquals(404, assertThrows(ApiException.class, () -> new DatasetsApi(admin).getDataset("pixels-held")).getCode());
    }

    static byte[] replaceAll(byte[] bytes, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        byte[] out = bytes.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, out, i, b.length);
            }
        }
        return out;
    }

    @Test
    void aJobTrainsOnAnUploadedDatasetAndItsRunNamesTheDatasetDigest() throws Exception {
        assertEquals(201, upload(q("tiny-npz", "npz"), npz(24, null)).statusCode());
        assertEquals(201, upload(q("tiny-csv", "csv", "labelColumn", "diagnosis", "groupColumn", "patient"), patients()).statusCode());
        Dataset dataset = new DatasetsApi(admin).getDataset("tiny-npz");
        JobsApi jobs = new JobsApi(admin);

        ApiException conv = assertThrows(ApiException.class, () -> jobs.submitJob(new TrainJobSpec().dataset("tiny-csv")
                .architecture("minicnn").epochs(1).batchSize(8)));
        assertEquals(400, conv.getCode());
        assertTrue(conv.getResponseBody().contains("only the mlp architecture"), conv.getResponseBody());

        Job job = jobs.submitJob(new TrainJobSpec().dataset("tiny-npz").experiment("dataset-it").architecture("mlp")
                .epochs(1).batchSize(8).seed(3L));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        while (!Set.of("completed", "failed", "stopped").contains(job.getState()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(300);
            job = jobs.getJob(job.getId());
        }
        assertEquals("completed", job.getState(), job.getFailure() + "\n" + jobs.getJobLog(job.getId(), false));
        String log = jobs.getJobLog(job.getId(), false);
        assertTrue(log.contains("data: 24 training, 24 validation, 24 test images of 1x8x8, 3 classes"), log);
        Run run = new RunsApi(admin).getRun(job.getRunId());
        assertEquals(dataset.getDigest(), run.getLineage().getDatasetDigest());
        assertEquals("tiny-npz", run.getLineage().getDatasetName());
        assertTrue(run.getName().matches("\\d{8}_tiny-npz_mlp_[0-9a-f]{6}"), run.getName());
        // Decoded once: the next job on the same dataset reads it back from the cache.
        String hex = dataset.getDigest().substring(dataset.getDigest().indexOf(':') + 1);
        Path cached = server.dataDirectory().resolve("cache/datasets/" + hex + "-v1.dataset");
        assertTrue(Files.isRegularFile(cached), "the decoded dataset is cached under RUNVAULT_DATA/cache/datasets");
        // Garbage collection counts it as unused once the grace period has passed (a dry run here).
        GcReport gc = new AdminApi(admin).collectGarbage(new GcRequest().dryRun(true).graceHours(0.0));
        assertEquals(1L, gc.getCacheFilesRemoved(), gc.toString());
        assertEquals(Files.size(cached), gc.getCacheBytesRemoved());
        assertTrue(Files.isRegularFile(cached), "a dry run removes nothing");
    }
}
