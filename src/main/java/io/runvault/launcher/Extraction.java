package io.runvault.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The directory the runnable jar is unpacked into, held by an exclusive lock on a sibling
 * {@code <directory>.lock} file for as long as this launcher runs. The operating system drops the
 * lock when the process dies, however it dies, so a directory whose lock can be taken belongs to
 * nobody and is removed.
 */
final class Extraction {

    private static final String PREFIX = "runvault-";
    private static final String LOCK_SUFFIX = ".lock";

    private final Path directory;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean removeLockFile;
    private boolean released;

    private Extraction(Path directory, Path lockFile, FileChannel channel, FileLock lock, boolean removeLockFile) {
        this.directory = directory;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.removeLockFile = removeLockFile;
    }

    /**
     * {@code WLP_JAR_EXTRACT_DIR} if set (kept name, emptied and removed on stop); otherwise a new
     * directory under {@code WLP_JAR_EXTRACT_ROOT} (default {@code ~/wlpExtract}), after removing
     * the ones that servers killed earlier left there.
     */
    static Extraction claim(Map<String, String> env) throws IOException {
        String fixed = env.get("WLP_JAR_EXTRACT_DIR");
        if (fixed != null && !fixed.isBlank()) {
            Path directory = Path.of(fixed.trim()).toAbsolutePath().normalize();
            // The directory is emptied at each start: only one an earlier Runvault server made (its
            // lock file beside it) may be, never a directory someone named by mistake.
            if (Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(lockFileOf(directory))) {
                throw new IllegalStateException(directory + " (WLP_JAR_EXTRACT_DIR) exists but no Runvault server made it;"
                        + " name a directory of its own, which Runvault creates and replaces at each start");
            }
            Extraction claimed = tryClaim(directory, false);
            if (claimed == null) {
                throw new IllegalStateException("Another Runvault server is running from " + directory
                        + " (WLP_JAR_EXTRACT_DIR); give each server its own directory");
            }
            deleteTree(directory); // what a stopped or killed server left
            return claimed;
        }
        String rootSetting = env.get("WLP_JAR_EXTRACT_ROOT");
        Path root = (rootSetting != null && !rootSetting.isBlank() ? Path.of(rootSetting.trim())
                : Path.of(System.getProperty("user.home"), "wlpExtract")).toAbsolutePath().normalize();
        Files.createDirectories(root);
        removeAbandoned(root);
        Extraction claimed = tryClaim(root.resolve(PREFIX + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8)), true);
        if (claimed == null) {
            throw new IllegalStateException("Could not lock a new extraction directory under " + root);
        }
        return claimed;
    }

    /** Directories of this launcher's naming under the root whose lock nobody holds any more. */
    private static void removeAbandoned(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path lockFile : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(LOCK_SUFFIX)).toList()) {
                String name = lockFile.getFileName().toString();
                Path directory = root.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
                Extraction abandoned = tryClaim(directory, true);
                if (abandoned != null) {
                    deleteTree(directory);
                    abandoned.release();
                }
            }
        }
    }

    private static Extraction tryClaim(Path directory, boolean removeLockFile) throws IOException {
        Path lockFile = lockFileOf(directory);
        Files.createDirectories(directory.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes()));
            return new Extraction(directory, lockFile, channel, lock, removeLockFile);
        } catch (OverlappingFileLockException e) {
            channel.close();
            return null;
        }
    }

    private static Path lockFileOf(Path directory) {
        return directory.resolveSibling(directory.getFileName() + LOCK_SUFFIX);
    }

    Path directory() {
        return directory;
    }

    /**
     * Removes the extraction (and, under the default root, the lock file), then lets go of the lock.
     * A fixed directory's lock file stays: a second server starting on it meanwhile must meet the same file.
     */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            deleteTree(directory);
            if (removeLockFile) {
                Files.deleteIfExists(lockFile);
            }
            lock.release();
            channel.close();
        } catch (IOException e) {
            System.err.println("Runvault: could not remove " + directory + ": " + e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
