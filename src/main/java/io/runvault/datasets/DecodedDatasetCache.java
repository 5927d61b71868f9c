package io.runvault.datasets;

import io.runvault.hash.Blake2b256;
import io.runvault.store.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Decoded datasets kept on disk, so that the next job on the same data reads its pixels back instead
 * of decoding thousands of PNGs or parsing a CSV again: one file per dataset digest (which covers the
 * dataset's files and its preprocessing options) under {@code RUNVAULT_DATA/cache/datasets}.
 *
 * <p>Each file ends with the BLAKE2b-256 of everything before it: a truncated, altered or foreign
 * file is detected when read, removed and rebuilt. The cache holds at most {@code maxBytes}; after a
 * file is written the least recently used ones go (a read marks a file used by its modification
 * time). It is derived data: {@link #collect} (the operator's garbage collection) removes the files
 * not used within a grace period.
 */
public final class DecodedDatasetCache {

    /** Decodes the dataset when it is not cached. */
    @FunctionalInterface
    public interface Decoder {
        ParsedDataset decode() throws IOException;
    }

    /** What {@link #collect} removed (or, in a dry run, would remove). */
    public record Collected(int files, long bytes) {
    }

    private static final Logger LOG = Logger.getLogger(DecodedDatasetCache.class.getName());
    private static final byte[] MAGIC = "RVDSET".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Changes with the file layout or with how datasets are decoded: older files are not read. */
    static final int FORMAT = 1;
    private static final String SUFFIX = ".dataset";
    private static final int DIGEST_BYTES = 32;
    private static final int CHUNK = 1 << 16;

    private final Path directory;
    private final long maxBytes;
    private final Clock clock;

    /** @param maxBytes the most the cache holds; 0 turns it off */
    public DecodedDatasetCache(Path directory, long maxBytes, Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock);
    }

    /** The dataset with this digest: read from the cache when a sound copy is there, else decoded and cached. */
    public ParsedDataset get(Digest dataset, Decoder decoder) throws IOException {
        if (maxBytes == 0) {
            return decoder.decode();
        }
        Path file = fileOf(dataset);
        ParsedDataset cached = read(file);
        if (cached != null) {
            return cached;
        }
        ParsedDataset decoded = decoder.decode();
        write(file, decoded);
        return decoded;
    }

    /** The cache file of a dataset (it need not exist). */
    Path fileOf(Digest dataset) {
        return directory.resolve(dataset.hex() + "-v" + FORMAT + SUFFIX);
    }

    /** Removes (unless {@code dryRun}) every cache file not used within {@code grace}. */
    public Collected collect(Duration grace, boolean dryRun) throws IOException {
        Instant before = clock.instant().minus(grace);
        int files = 0;
        long bytes = 0;
        for (Entry entry : entries()) {
            if (entry.used().isBefore(before) || !entry.current()) {
                if (dryRun || Files.deleteIfExists(entry.path())) {
                    files++;
                    bytes += entry.size();
                }
            }
        }
        return new Collected(files, bytes);
    }

    private record Entry(Path path, long size, Instant used, boolean current) {
    }

    private List<Entry> entries() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                if (!name.endsWith(SUFFIX) && !name.contains(SUFFIX + ".tmp-")) {
                    continue;
                }
                try {
                    entries.add(new Entry(path, Files.size(path), Files.getLastModifiedTime(path).toInstant(),
                            name.endsWith("-v" + FORMAT + SUFFIX)));
                } catch (NoSuchFileException gone) {
                    // removed meanwhile by another job's eviction
                }
            }
        }
        return entries;
    }

    private ParsedDataset read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException absent) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            HashingInput hashed = new HashingInput(raw, size - DIGEST_BYTES);
            DataInputStream in = new DataInputStream(new BufferedInputStream(hashed, CHUNK));
            ParsedDataset dataset = readBody(in, size);
            byte[] trailer = in.readAllBytes();
            if (trailer.length != DIGEST_BYTES || !Arrays.equals(hashed.digest(), trailer)) {
                throw new IOException("its digest does not match its content");
            }
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return dataset;
        } catch (IOException | RuntimeException unsound) {
            LOG.warning(() -> "Decoded-dataset cache file " + file + " is unusable (" + unsound.getMessage()
                    + "); decoding the dataset again");
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot remove " + file + ": " + e.getMessage());
            }
            return null;
        }
    }

    private void write(Path file, ParsedDataset dataset) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(directory);
            try (OutputStream raw = Files.newOutputStream(temp)) {
                HashingOutput hashed = new HashingOutput(raw);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(hashed, CHUNK));
                writeBody(out, dataset);
                out.flush();
                raw.write(hashed.digest());
            }
            if (Files.size(temp) > maxBytes) {
                Files.delete(temp); // larger than the whole cache: not kept
                return;
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            evictBeyondLimit(file);
        } catch (IOException e) {
            // A cache that cannot be written only costs time: the job goes on with what it decoded.
            LOG.warning(() -> "Cannot cache the decoded dataset in " + file + ": " + e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next collection removes it
            }
        }
    }

    /** Removes the least recently used files until the cache fits, keeping {@code keep}. */
    private void evictBeyondLimit(Path keep) throws IOException {
        List<Entry> entries = new ArrayList<>(entries());
        long total = entries.stream().mapToLong(Entry::size).sum();
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (!entry.path().equals(keep) && Files.deleteIfExists(entry.path())) {
                total -= entry.size();
            }
        }
    }

    private static void writeBody(DataOutputStream out, ParsedDataset d) throws IOException {
        out.write(MAGIC);
        out.writeInt(FORMAT);
        writeImages(out, d.train());
        writeImages(out, d.val());
        writeImages(out, d.test());
        writeInts(out, d.trainGroups());
        out.writeInt(d.groupCount());
        out.writeBoolean(d.testDerived());
    }

    private static ParsedDataset readBody(DataInputStream in, long fileSize) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(MAGIC, magic) || in.readInt() != FORMAT) {
            throw new IOException("not a decoded-dataset file of format " + FORMAT);
        }
        LabelledImages train = readImages(in, fileSize);
        if (train == null) {
            throw new IOException("no training split");
        }
        LabelledImages val = readImages(in, fileSize);
        LabelledImages test = readImages(in, fileSize);
        int[] groups = readInts(in, fileSize);
        int groupCount = in.readInt();
        boolean testDerived = in.readBoolean();
        return new ParsedDataset(train, val, test, groups, groupCount, testDerived);
    }

    private static void writeImages(DataOutputStream out, LabelledImages images) throws IOException {
        out.writeBoolean(images != null);
        if (images == null) {
            return;
        }
        out.writeInt(images.channels());
        out.writeInt(images.height());
        out.writeInt(images.width());
        out.writeInt(images.classNames().size());
        for (String name : images.classNames()) {
            out.writeUTF(name);
        }
        writeInts(out, images.labels());
        byte[] bytes = images.storedBytes();
        out.writeBoolean(bytes != null);
        if (bytes != null) {
            out.write(bytes);
            return;
        }
        float[] floats = images.storedFloats();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < floats.length; from += CHUNK / Float.BYTES) {
            int n = Math.min(CHUNK / Float.BYTES, floats.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(floats, from, n);
            out.write(chunk.array(), 0, n * Float.BYTES);
        }
    }

    private static LabelledImages readImages(DataInputStream in, long fileSize) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int channels = in.readInt();
        int height = in.readInt();
        int width = in.readInt();
        int classes = in.readInt();
        checkCount(classes, 1, fileSize);
        List<String> names = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            names.add(in.readUTF());
        }
        int[] labels = readInts(in, fileSize);
        if (labels == null) {
            throw new IOException("no labels");
        }
        long values = (long) labels.length * channels * height * width;
        boolean asBytes = in.readBoolean();
        checkCount(values, asBytes ? 1 : Float.BYTES, fileSize);
        if (asBytes) {
            byte[] bytes = new byte[(int) values];
            in.readFully(bytes);
            return LabelledImages.ofUnsignedBytes(bytes, labels, channels, height, width, names);
        }
        float[] floats = new float[(int) values];
        byte[] chunk = new byte[CHUNK];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN);
        for (int from = 0; from < floats.length; from += CHUNK / Float.BYTES) {
            int n = Math.min(CHUNK / Float.BYTES, floats.length - from);
            in.readFully(chunk, 0, n * Float.BYTES);
            view.clear();
            view.asFloatBuffer().get(floats, from, n);
        }
        return new LabelledImages(floats, labels, channels, height, width, names);
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (int v : values) {
                out.writeInt(v);
            }
        }
    }

    private static int[] readInts(DataInputStream in, long fileSize) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        checkCount(n, Integer.BYTES, fileSize);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    /** Refuses a count that the file is too small to hold, before allocating for it (a damaged header). */
    private static void checkCount(long count, int bytesEach, long fileSize) throws IOException {
        if (count < 0 || count > Integer.MAX_VALUE - 8 || count * bytesEach > fileSize) {
            throw new EOFException("a count of " + count + " does not fit the file's " + fileSize + " bytes");
        }
    }

    /** Hashes the first {@code limit} bytes that pass through it (the file's body, not its digest). */
    private static final class HashingInput extends FilterInputStream {
        private final Blake2b256 hash = new Blake2b256();
        private long remaining;

        HashingInput(InputStream in, long limit) {
            super(in);
            this.remaining = Math.max(0, limit);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && remaining > 0) {
                int hashed = (int) Math.min(n, remaining);
                hash.update(b, off, hashed);
                remaining -= hashed;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Read, not skipped: every byte must be hashed.
            int read = n <= 0 ? 0 : read(new byte[(int) Math.min(n, CHUNK)], 0, (int) Math.min(n, CHUNK));
            return Math.max(read, 0);
        }

        byte[] digest() {
            return hash.digest();
        }
    }

    private static final class HashingOutput extends FilterOutputStream {
        private final Blake2b256 hash = new Blake2b256();

        HashingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            hash.update(b, off, len);
        }

        byte[] digest() {
            return hash.digest();
        }
    }
}
