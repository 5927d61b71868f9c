package io.runvault.jobs;

import io.runvault.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/** Each job's log: a UTF-8 text file under the data directory, appended by the job, read by followers. */
@ApplicationScoped
public class JobLog {

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    public Path file(String jobId) {
        return settings.dataDirectory().resolve("jobs").resolve(jobId).resolve("job.log");
    }

    public synchronized void append(String jobId, String line) {
        Path file = file(jobId);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, clock.instant() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes from {@code offset} on, at most {@code max}; empty when there is nothing new. */
    public byte[] read(String jobId, long offset, int max) throws IOException {
        Path file = file(jobId);
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long available = in.length() - offset;
            if (available <= 0) {
                return new byte[0];
            }
            byte[] bytes = new byte[(int) Math.min(available, max)];
            in.seek(offset);
            in.readFully(bytes);
            return bytes;
        }
    }
}
