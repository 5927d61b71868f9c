package io.runvault.store;

import io.runvault.hash.Blake2b256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An upload in three stages that overlap: the request thread reads the body into a ring of
 * buffers, a second thread hashes them in order, and (for a new blob) a {@link SlicedFileWriter}
 * writes and syncs them. On a small machine the hash is the bound, so the request thread must
 * never wait for the disk. A buffer is handed out again only once it is hashed and written.
 */
final class HashingPipeline implements AutoCloseable {

    private static final int DEPTH = 8;

    private final Blake2b256 hasher = new Blake2b256();
    private final ExecutorService worker = PipelineThreads.single("runvault-blob-hash");
    private final SlicedFileWriter writer;
    private final int bufferBytes;
    private final byte[][] buffers = new byte[DEPTH][];
    private final Future<?>[] hashed = new Future<?>[DEPTH];
    private final Future<?>[] written = new Future<?>[DEPTH];
    private int next;

    /** {@code out} receives the bytes as well, or is null when they are only to be hashed. */
    HashingPipeline(int bufferBytes, FileChannel out) {
        this.bufferBytes = bufferBytes;
        writer = out == null ? null : new SlicedFileWriter(out);
    }

    /** The buffer to fill next; waits until its previous contents are hashed and written. */
    byte[] nextBuffer() throws IOException {
        PipelineThreads.await(hashed[next]);
        PipelineThreads.await(written[next]);
        if (buffers[next] == null) {
            buffers[next] = new byte[bufferBytes]; // allocated on first use: a small upload needs one or two
        }
        return buffers[next];
    }

    /** Hashes (and writes) the first {@code length} bytes of the buffer {@link #nextBuffer()} returned, in the background. */
    void hash(int length) {
        byte[] buffer = buffers[next];
        hashed[next] = worker.submit(() -> hasher.update(buffer, 0, length));
        if (writer != null) {
            written[next] = writer.write(buffer, length);
        }
        next = (next + 1) % DEPTH;
    }

    /** The digest of everything passed to {@link #hash(int)}; writes may still be under way. */
    byte[] digest() throws IOException {
        for (Future<?> task : hashed) {
            PipelineThreads.await(task);
        }
        return hasher.digest();
    }

    /** Waits for every write, then fsyncs the file: its bytes are on disk when this returns. */
    void force() throws IOException {
        writer.force();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        if (writer != null) {
            writer.close();
        }
    }
}
