package io.runvault.serving;

import io.runvault.config.Settings;
import io.runvault.export.ModelMismatchException;
import io.runvault.export.OnnxClassifier;
import io.runvault.store.Digest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Served models loaded in ONNX Runtime, one session per model file. Keyed by the file's digest, so
 * a new production version (another file) loads its own session on its first request and a
 * re-registered identical file reuses one. The least recently used sessions beyond
 * {@link Settings#predictSessions()} are closed once no request is still running on them.
 */
@ApplicationScoped
public class ModelSessions {

    @Inject
    Settings settings;

    /** Access-ordered: the first entry is the least recently used. Guarded by {@code this}. */
    private final Map<Digest, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Entry {
        final FutureTask<OnnxClassifier> load;
        int users;
        boolean evicted;

        Entry(Callable<OnnxClassifier> loader) {
            load = new FutureTask<>(loader);
        }
    }

    /** A loaded model in use by one request; closing it lets an evicted session be closed. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private final OnnxClassifier classifier;

        private Lease(Entry entry, OnnxClassifier classifier) {
            this.entry = entry;
            this.classifier = classifier;
        }

        public OnnxClassifier classifier() {
            return classifier;
        }

        @Override
        public void close() {
            release(entry);
        }
    }

    /**
     * The model of file {@code digest}, loaded with {@code loader} on first use (once, however many
     * requests ask at the same time).
     *
     * @throws ModelMismatchException when the file is no servable model (the next request tries again)
     */
    public Lease lease(Digest digest, Callable<OnnxClassifier> loader) {
        Entry entry = acquire(digest, loader);
        entry.load.run(); // runs the loader in the first caller only; the others wait in get()
        try {
            return new Lease(entry, entry.load.get());
        } catch (ExecutionException failed) {
            forget(digest, entry);
            release(entry);
            if (failed.getCause() instanceof RuntimeException e) {
                throw e;
            }
            throw new ModelMismatchException("the model could not be loaded: " + failed.getCause(), failed.getCause());
        } catch (InterruptedException e) {
            release(entry);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the model was loading", e);
        }
    }

    /** How many sessions are loaded (or loading) now. */
    public synchronized int size() {
        return entries.size();
    }

    private synchronized Entry acquire(Digest digest, Callable<OnnxClassifier> loader) {
        Entry entry = entries.computeIfAbsent(digest, d -> new Entry(loader));
        entry.users++;
        Iterator<Entry> eldest = entries.values().iterator();
        while (entries.size() > settings.predictSessions()) {
            Entry old = eldest.next();
            if (old == entry) {
                continue;
            }
            eldest.remove();
            old.evicted = true;
            if (old.users == 0) {
                close(old);
            }
        }
        return entry;
    }

    private synchronized void forget(Digest digest, Entry entry) {
        entries.remove(digest, entry);
        entry.evicted = true;
    }

    private synchronized void release(Entry entry) {
        entry.users--;
        if (entry.evicted && entry.users == 0) {
            close(entry);
        }
    }

    private static void close(Entry entry) {
        if (entry.load.isDone() && !entry.load.isCancelled()) {
            try {
                entry.load.get().close();
            } catch (ExecutionException | InterruptedException failedToLoad) {
                // nothing was opened
            }
        }
    }

    @PreDestroy
    synchronized void closeAll() {
        List<Entry> all = new ArrayList<>(entries.values());
        entries.clear();
        all.forEach(ModelSessions::close);
    }
}
