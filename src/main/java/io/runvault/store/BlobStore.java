package io.runvault.store;

import io.runvault.hash.Blake2b256;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.PayloadTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Content-addressed files under {@code <root>/<2 hex>/<62 hex>}, written the way JGit writes loose
 * objects: hash while streaming into a temporary file inside the store, fsync, then one atomic
 * step that never replaces an existing object. The final step is a hard link, which fails if the
 * name exists, so two concurrent writers of the same new blob both succeed and one copy remains.
 */
public final class BlobStore {

    private static final int BUFFER_BYTES = 1 << 20;
    private static final String TEMP_DIR = ".tmp";

    private final Path root;
    private final Path temp;
    /**
     * Writers hold it shared while they link a new object or refresh an existing one's time; a
     * collection holds it exclusively while it checks one object's time and removes it. So a write
     * that finds an object present either refreshes it before the collector looks (and it is kept),
     * or finds it already removed (and stores it again).
     */
    private final ReadWriteLock removal = new ReentrantReadWriteLock();

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve(TEMP_DIR);
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the blob store at " + this.root, e);
        }
    }

    /** What a write did: stored a new object, or found it already present. */
    public record PutResult(Digest digest, long size, boolean inserted) {
    }

    public Path root() {
        return root;
    }

    /**
     * Streams {@code in} into the store. The bytes must hash to {@code expected}; otherwise nothing
     * is stored. {@code maxBytes} bounds what is read, so a huge body is refused early.
     */
    public PutResult put(Digest expected, InputStream in, long maxBytes) throws IOException {
        return write(java.util.Objects.requireNonNull(expected), in, maxBytes);
    }

    /**
     * Streams {@code in} into the store under the digest of whatever it holds, hashed while it is
     * written, so content of any size passes through one buffer at a time.
     */
    public PutResult put(InputStream in, long maxBytes) throws IOException {
        return write(null, in, maxBytes);
    }

    private PutResult write(Digest expected, InputStream in, long maxBytes) throws IOException {
        return write(expected, in, maxBytes, BUFFER_BYTES);
    }

    private PutResult write(Digest expected, InputStream in, long maxBytes, int bufferBytes) throws IOException {
        // A blob already stored is only verified: its bytes are hashed, not written a second time.
        boolean present = expected != null && refresh(expected);
        Path tmp = temp.resolve("upload-" + UUID.randomUUID());
        try (FileChannel out = present ? null
                     : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             HashingPipeline pipeline = new HashingPipeline(bufferBytes, out)) {
            long size = 0;
            int n;
            byte[] buffer = pipeline.nextBuffer();
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new PayloadTooLargeException("blob-too-large",
                            "A blob may be at most " + maxBytes + " bytes", Map.of("maxBytes", maxBytes));
                }
                pipeline.hash(n);
                buffer = pipeline.nextBuffer();
            }
            Digest actual = Digest.of(pipeline.digest());
            if (expected != null && !actual.equals(expected)) {
                throw new InvalidRequestException("digest-mismatch",
                        "The body hashes to " + actual + ", not to " + expected,
                        Map.of("expected", expected.toString(), "actual", actual.toString(), "size", size));
            }
            if (out == null) {
                return new PutResult(expected, size, false);
            }
            pipeline.force();
            out.close();
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            return new PutResult(actual, size, link(tmp, actual));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Stores bytes already in memory (small documents such as manifests). */
    public PutResult put(byte[] bytes) {
        Digest digest = Digest.compute(bytes);
        try {
            return write(digest, new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE,
                    Math.max(1, Math.min(bytes.length, BUFFER_BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean link(Path tmp, Digest digest) throws IOException {
        Path target = path(digest);
        removal.readLock().lock();
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException alreadyThere) {
                touch(target);
                return false;
            }
            // The time of the store, not of the last byte written: what the collector's grace counts from.
            touch(target);
        } finally {
            removal.readLock().unlock();
        }
        syncDirectory(target.getParent());
        return true;
    }

    /**
     * Marks a present object as just written, so that a collection running now keeps it; false if
     * it is not (or no longer) stored.
     */
    private boolean refresh(Digest digest) throws IOException {
        removal.readLock().lock();
        try {
            touch(path(digest));
            return true;
        } catch (NoSuchFileException absent) {
            return false;
        } finally {
            removal.readLock().unlock();
        }
    }

    private static void touch(Path object) throws IOException {
        Files.setLastModifiedTime(object, FileTime.from(Instant.now()));
    }

    /** One stored object as the collector sees it. */
    public record StoredObject(Digest digest, long size, Instant storedAt) {
    }

    /** Calls {@code visitor} with every stored object (not the temporary area), in no set order. */
    public void forEachObject(Consumer<StoredObject> visitor) throws IOException {
        try (DirectoryStream<Path> fanout = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : fanout) {
                String prefix = dir.getFileName().toString();
                if (prefix.equals(TEMP_DIR) || !prefix.matches("[0-9a-f]{2}")) {
                    continue;
                }
                try (DirectoryStream<Path> objects = Files.newDirectoryStream(dir)) {
                    for (Path object : objects) {
                        String hex = prefix + object.getFileName();
                        if (!hex.matches("[0-9a-f]{64}")) {
                            continue;
                        }
                        try {
                            var attributes = Files.readAttributes(object, java.nio.file.attribute.BasicFileAttributes.class);
                            visitor.accept(new StoredObject(Digest.parse(Digest.PREFIX + hex), attributes.size(),
                                    attributes.lastModifiedTime().toInstant()));
                        } catch (NoSuchFileException removedMeanwhile) {
                            // gone since the listing: nothing to report
                        }
                    }
                }
            }
        }
    }

    /**
     * Removes the object if it was stored before {@code cutoff}; returns the bytes freed, or -1 when
     * it was kept (stored or re-uploaded since) or is already gone. The caller has established that
     * nothing refers to it.
     */
    public long removeIfStoredBefore(Digest digest, Instant cutoff) throws IOException {
        Path object = path(digest);
        removal.writeLock().lock();
        try {
            var attributes = Files.readAttributes(object, java.nio.file.attribute.BasicFileAttributes.class);
            if (!attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                return -1;
            }
            Files.delete(object);
            return attributes.size();
        } catch (NoSuchFileException gone) {
            return -1;
        } finally {
            removal.writeLock().unlock();
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    public Path path(Digest digest) {
        return root.resolve(digest.hex().substring(0, 2)).resolve(digest.hex().substring(2));
    }

    public boolean contains(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    public OptionalLong size(Digest digest) {
        try {
            return OptionalLong.of(Files.size(path(digest)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The size of a stored object that a commit is about to refer to, its time refreshed so that a
     * collection running now keeps it; empty if it is not stored.
     */
    public OptionalLong retain(Digest digest) {
        removal.readLock().lock();
        try {
            Path object = path(digest);
            touch(object);
            return OptionalLong.of(Files.size(object));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            removal.readLock().unlock();
        }
    }

    public byte[] readAllBytes(Digest digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    /**
     * A new empty file in the store's temporary area, for bytes staged before they are checked and
     * stored; the caller deletes it, and a start-up removes any left behind.
     */
    public Path temporaryFile(String prefix) throws IOException {
        return Files.createFile(temp.resolve(prefix + UUID.randomUUID()));
    }

    /** Removes what interrupted writes left; called at start-up, before any upload can run. */
    public int cleanTemporaryFiles() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temp)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                removed++;
            }
        }
        return removed;
    }

    /** True when a new file can be created and synced in the store (readiness). */
    public boolean isWritable() {
        Path probe = temp.resolve("probe-" + UUID.randomUUID());
        try {
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe is removed at the next start
            }
        }
    }

    /** Re-hashes every stored object and checks that each referenced digest is present. */
    public ScrubReport scrub(Set<Digest> referenced) throws IOException {
        List<String> corrupt = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        long checked = 0;
        long bytes = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (Stream<Path> fanout = Files.list(root)) {
            for (Path dir : fanout.filter(Files::isDirectory).sorted().toList()) {
                if (dir.getFileName().toString().equals(TEMP_DIR)) {
                    continue;
                }
                try (Stream<Path> objects = Files.list(dir)) {
                    for (Path object : objects.sorted().toList()) {
                        String name = dir.getFileName().toString() + object.getFileName();
                        if (!name.matches("[0-9a-f]{64}")) {
                            strays.add(root.relativize(object).toString());
                            continue;
                        }
                        Blake2b256 hasher = new Blake2b256();
                        try (InputStream in = Files.newInputStream(object)) {
                            int n;
                            while ((n = in.read(buffer)) > 0) {
                                hasher.update(buffer, 0, n);
                                bytes += n;
                            }
                        }
                        checked++;
                        if (!Digest.of(hasher.digest()).hex().equals(name)) {
                            corrupt.add(Digest.PREFIX + name);
                        }
                    }
                }
            }
        }
        List<String> missing = referenced.stream().filter(d -> !contains(d)).map(Digest::toString).sorted().toList();
        return new ScrubReport(checked, bytes, corrupt, missing, strays);
    }
}
