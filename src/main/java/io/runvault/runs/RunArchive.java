package io.runvault.runs;

import io.runvault.problem.ConflictException;
import io.runvault.store.BlobChecksums;
import io.runvault.store.BlobStore;
import io.runvault.store.BlobTraffic;
import io.runvault.store.Digest;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A run as one zip: {@code manifest.json} (the canonical bytes) and every file at its path, stored
 * uncompressed so that the whole length is known before the status line (see {@link StoredZip}).
 * Most run files (PNG, xlsx, checkpoints, ONNX) are already dense, so little is lost by not deflating.
 */
final class RunArchive implements StreamingOutput {

    private final StoredZip zip;
    private final BlobTraffic traffic;
    private long served;

    private RunArchive(StoredZip zip, BlobTraffic traffic) {
        this.zip = zip;
        this.traffic = traffic;
    }

    /**
     * Everything that can fail before a byte is sent is checked here: a run stored before
     * {@code manifest.json} was reserved would hold the name twice, so it is a 409, not a broken zip.
     */
    static RunArchive of(byte[] manifest, RunManifest content, BlobStore blobs, BlobChecksums checksums,
                         BlobTraffic traffic) {
        if (content.files().stream().anyMatch(f -> f.path().equals(PortablePaths.MANIFEST_ENTRY))) {
            throw new ConflictException("archive-name-clash", "This run was committed with a file named "
                    + PortablePaths.MANIFEST_ENTRY + ", the archive's own entry; download its files one by one",
                    Map.of("path", PortablePaths.MANIFEST_ENTRY));
        }
        List<StoredZip.Entry> entries = new ArrayList<>();
        CRC32 manifestCrc = new CRC32();
        manifestCrc.update(manifest);
        RunArchive[] self = new RunArchive[1];
        entries.add(new StoredZip.Entry(PortablePaths.MANIFEST_ENTRY, manifest.length, manifestCrc.getValue(),
                (out, size) -> out.write(manifest)));
        for (FileEntry file : content.files()) {
            Digest digest = file.blob();
            BlobChecksums.Crc32 crc = checksums.crc32(digest);
            if (crc.size() != file.size()) {
                throw new IllegalStateException("Blob " + digest + " holds " + crc.size() + " bytes, the run says "
                        + file.size() + "; run a scrub");
            }
            entries.add(new StoredZip.Entry(file.path(), file.size(), crc.crc(),
                    (out, size) -> self[0].copy(blobs, digest, size, out)));
        }
        self[0] = new RunArchive(new StoredZip(entries, content.createdAt()), traffic);
        return self[0];
    }

    long length() {
        return zip.length();
    }

    @Override
    public void write(OutputStream output) throws IOException {
        try {
            zip.write(output);
        } finally {
            traffic.served(served);
        }
    }

    private void copy(BlobStore blobs, Digest digest, long size, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(blobs.path(digest))) {
            byte[] buffer = new byte[256 * 1024];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    // The connection then ends before Content-Length: the client sees a short body.
                    throw new EOFException("Blob " + digest + " ended " + left + " bytes early");
                }
                out.write(buffer, 0, n);
                left -= n;
                served += n;
            }
        }
    }
}
