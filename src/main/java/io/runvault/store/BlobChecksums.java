package io.runvault.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * CRC-32 and length of stored blobs, for zips whose headers must carry them before the data. A blob
 * never changes under its digest, so a computed value stays true; the most recent ones are kept.
 */
@ApplicationScoped
public class BlobChecksums {

    /** What a zip header needs of one blob. */
    public record Crc32(long size, long crc) {
    }

    private static final int KEPT = 100_000;
    private static final int BUFFER_BYTES = 1 << 20;

    @Inject
    BlobStore blobs;

    private final Map<Digest, Crc32> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Crc32> eldest) {
            return size() > KEPT;
        }
    };

    public Crc32 crc32(Digest digest) {
        synchronized (recent) {
            Crc32 known = recent.get(digest);
            if (known != null) {
                return known;
            }
        }
        Crc32 computed = compute(blobs, digest);
        synchronized (recent) {
            recent.put(digest, computed);
        }
        return computed;
    }

    static Crc32 compute(BlobStore blobs, Digest digest) {
        CRC32 crc = new CRC32();
        long size = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        try (FileChannel in = FileChannel.open(blobs.path(digest), StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                size += buffer.remaining();
                crc.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Blob " + digest + " is unreadable", e);
        }
        return new Crc32(size, crc.getValue());
    }
}
