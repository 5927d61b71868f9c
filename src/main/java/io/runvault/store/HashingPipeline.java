package io.runvault.store;

import io.runvault.hash.Blake2b256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hashes an upload's buffers on a second thread, in order, while the request thread reads the
 * socket and writes the file: on a small machine the hash, not the I/O, is the bound, so the two
 * must overlap. A buffer is handed out again only once its previous contents are hashed.
 */
final class HashingPipeline implements AutoCloseable {

    private static final int DEPTH = 3;

    private final Blake2b256 hasher = new Blake2b256();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "runvault-blob-hash");
        thread.setDaemon(true);
        return thread;
    });
    private final byte[][] buffers;
    private final Future<?>[] pending = new Future<?>[DEPTH];
    private int next;

    HashingPipeline(int bufferBytes) {
        buffers = new byte[DEPTH][bufferBytes];
    }

    /** The buffer to fill next; waits until its previous contents are hashed. */
    byte[] nextBuffer() throws IOException {
        await(pending[next]);
        return buffers[next];
    }

    /** Hashes the first {@code length} bytes of the buffer {@link #nextBuffer()} returned, in the background. */
    void hash(int length) {
        byte[] buffer = buffers[next];
        pending[next] = worker.submit(() -> hasher.update(buffer, 0, length));
        next = (next + 1) % DEPTH;
    }

    byte[] digest() throws IOException {
        for (Future<?> task : pending) {
            await(task);
        }
        return hasher.digest();
    }

    private static void await(Future<?> task) throws IOException {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
