package io.runvault.runs;

import io.runvault.store.BlobStore;
import io.runvault.store.BlobTraffic;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A run as one zip: {@code manifest.json} (the canonical bytes) and every file at its path, streamed. */
final class RunArchive implements StreamingOutput {

    private final byte[] manifest;
    private final RunManifest content;
    private final BlobStore blobs;
    private final BlobTraffic traffic;

    RunArchive(byte[] manifest, RunManifest content, BlobStore blobs, BlobTraffic traffic) {
        this.manifest = manifest;
        this.content = content;
        this.blobs = blobs;
        this.traffic = traffic;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        FileTime time = FileTime.from(content.createdAt());
        long served = 0;
        try (ZipOutputStream zip = new ZipOutputStream(output)) {
            // Most run files (PNG, xlsx, checkpoints) are already dense: favour speed over ratio.
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(entry("manifest.json", time));
            zip.write(manifest);
            zip.closeEntry();
            for (FileEntry file : content.files()) {
                zip.putNextEntry(entry(file.path(), time));
                try (InputStream in = Files.newInputStream(blobs.path(file.blob()))) {
                    served += in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } finally {
            traffic.served(served);
        }
    }

    private static ZipEntry entry(String name, FileTime time) {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(time);
        return entry;
    }
}
