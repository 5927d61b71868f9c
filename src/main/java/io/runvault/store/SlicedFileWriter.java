package io.runvault.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The third stage of an upload: writes its buffers to the temporary file on a thread of its own,
 * in order, and every slice ({@link #SLICE_BYTES}) written starts an fsync of what is there so far on a
 * fourth thread. The fsync the answer waits for then has only the last slice left to flush,
 * instead of the whole blob after the last byte arrived.
 */
final class SlicedFileWriter implements AutoCloseable {

    static final long SLICE_BYTES = 64L << 20;

    private final FileChannel out;
    private final long sliceBytes;
    private final ExecutorService writer = PipelineThreads.single("runvault-blob-write");
    private final ExecutorService syncer = PipelineThreads.single("runvault-blob-sync");
    // Both only touched by the writer thread, and by force() after the last write is awaited.
    private long unsynced;
    private Future<?> syncing;
    private Future<?> lastWrite;

    SlicedFileWriter(FileChannel out) {
        this(out, SLICE_BYTES);
    }

    SlicedFileWriter(FileChannel out, long sliceBytes) {
        this.out = out;
        this.sliceBytes = sliceBytes;
    }

    /** Writes the first {@code length} bytes of {@code buffer} in the background; done when the future is. */
    Future<?> write(byte[] buffer, int length) {
        lastWrite = writer.submit(() -> {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, length);
            while (wrapped.hasRemaining()) {
                out.write(wrapped);
            }
            unsynced += length;
            if (unsynced >= sliceBytes && (syncing == null || syncing.isDone())) {
                PipelineThreads.await(syncing); // surfaces a failed earlier slice
                syncing = syncer.submit(() -> {
                    out.force(false);
                    return null;
                });
                unsynced = 0;
            }
            return null;
        });
        return lastWrite;
    }

    /** Waits for every write and slice, then makes the file's bytes and size durable. */
    void force() throws IOException {
        PipelineThreads.await(lastWrite);
        PipelineThreads.await(syncing);
        out.force(true);
    }

    @Override
    public void close() {
        writer.shutdownNow();
        syncer.shutdownNow();
    }
}
