package io.runvault.evaluation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files of an output suite under a directory, each through a temporary file in the
 * same folder renamed into place (as {@code io.runvault.reports.RunReports} does), so a reader
 * never sees half a file; remembers the relative paths written, in order.
 */
final class ReportFiles {

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private final Path dir;
    private final List<String> written = new ArrayList<>();

    ReportFiles(Path dir) {
        this.dir = dir;
    }

    void write(String relative, Body body) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        written.add(relative);
    }

    List<String> written() {
        return List.copyOf(written);
    }
}
