package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the files of a report suite under a run directory, each through a temporary file in the
 * same folder renamed into place, so a reader never sees half a file; remembers the relative paths
 * written, in order. Every suite writer (training, evaluation, studies) goes through here.
 */
public final class ReportFiles {

    /** Writes a file's bytes to a stream. */
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file at a path that does not exist yet (for writers that open files themselves, e.g. SQLite). */
    public interface PathBody {
        void write(Path file) throws IOException;
    }

    private final Path dir;
    private final List<String> written = new ArrayList<>();

    public ReportFiles(Path dir) {
        this.dir = dir;
    }

    public void write(String relative, Body body) throws IOException {
        writePath(relative, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(out);
            }
        });
    }

    public void writePath(String relative, PathBody body) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.delete(tmp); // the name is reserved for this write; the body creates the file
            body.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            // The temporary file on failure, and anything its writer left beside it (a SQLite journal).
            String prefix = tmp.getFileName().toString();
            try (Stream<Path> siblings = Files.list(tmp.getParent())) {
                for (Path leftover : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
        written.add(relative);
    }

    public List<String> written() {
        return List.copyOf(written);
    }
}
