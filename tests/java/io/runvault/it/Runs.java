package io.runvault.it;

import io.runvault.client.ApiClient;
import io.runvault.client.ApiException;
import io.runvault.client.api.BlobsApi;
import io.runvault.client.api.RunsApi;
import io.runvault.client.model.RunFile;
import io.runvault.client.model.RunManifest;
import io.runvault.client.model.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds and pushes runs the way a pipeline does: upload each file's blob, then commit the manifest. */
public final class Runs {

    private final BlobsApi blobs;
    private final RunsApi runs;

    public Runs(ApiClient client) {
        this.blobs = new BlobsApi(client);
        this.runs = new RunsApi(client);
    }

    public String upload(byte[] content) throws IOException, InterruptedException, ApiException {
        String digest = Blobs.b2sum(content);
        Path file = Files.createTempFile("blob", ".bin");
        try {
            Files.write(file, content);
            blobs.putBlob(digest, file.toFile());
        } finally {
            Files.delete(file);
        }
        return digest;
    }

    /** A manifest whose files are uploaded first; {@code files} maps path to content. */
    public RunManifest manifest(String experiment, Map<String, byte[]> files) throws Exception {
        RunManifest manifest = new RunManifest()
                .experiment(experiment)
                .createdAt(OffsetDateTime.of(2026, 11, 24, 10, 15, 0, 0, ZoneOffset.UTC));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            manifest.addFilesItem(new RunFile().path(file.getKey()).digest(upload(file.getValue()))
                    .size((long) file.getValue().length));
        }
        return manifest;
    }

    public RunSummary commit(RunManifest manifest) throws ApiException {
        return runs.commitRun(manifest);
    }

    public static Map<String, byte[]> suite(long seed) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("figures/confusion_matrix.png", Blobs.random(20_000, seed));
        files.put("reports/summary.json", ("{\"seed\":" + seed + "}").getBytes());
        files.put("checkpoints/best_minicnn.params", Blobs.random(300_000, seed + 1));
        files.put("logs/run.log", ("epoch 1 done, seed " + seed + "\n").getBytes());
        return files;
    }
}
