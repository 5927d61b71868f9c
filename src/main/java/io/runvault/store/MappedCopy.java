package io.runvault.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongConsumer;

/**
 * Copies part of a file to a stream through memory-mapped windows: one copy from the page cache
 * into the chunk handed to the stream, where a read() copies twice (kernel to a direct buffer,
 * then to the heap). The servlet API takes only byte arrays, so a kernel-side transferTo to the
 * socket is out of reach; this is the next fastest path. Stored blobs are never truncated, so a
 * mapping cannot lose its pages under the reader.
 */
record MappedCopy(long windowBytes, int chunkBytes) {

    static final MappedCopy DOWNLOAD = new MappedCopy(64L << 20, 1 << 20);

    MappedCopy {
        if (windowBytes < chunkBytes || chunkBytes < 1) {
            throw new IllegalArgumentException("a window holds at least one chunk of at least one byte");
        }
    }

    /** Copies {@code length} bytes from {@code start}; {@code copied} hears how many went out, also on failure. */
    void copy(FileChannel in, long start, long length, OutputStream out, LongConsumer copied)
            throws IOException {
        byte[] chunk = new byte[(int) Math.min(chunkBytes, Math.max(1, length))];
        long done = 0;
        try {
            while (done < length) {
                MappedByteBuffer window = in.map(FileChannel.MapMode.READ_ONLY, start + done,
                        Math.min(windowBytes, length - done));
                while (window.hasRemaining()) {
                    int n = Math.min(chunk.length, window.remaining());
                    window.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                    done += n;
                }
            }
        } finally {
            copied.accept(done);
        }
    }
}
