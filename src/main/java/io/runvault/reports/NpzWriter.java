package io.runvault.reports;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive: a zip with one NPY 1.0 file {@code <name>.npy} per array,
 * as {@code numpy.savez} (stored) or {@code numpy.savez_compressed} (deflated) would. Entry times
 * are fixed (1980-01-01), so the same arrays always give the same bytes and the same digest.
 */
public final class NpzWriter implements Closeable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final long FIXED_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0)
            .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

    private final ZipOutputStream zip;
    private final boolean compressed;
    private final Set<String> names = new HashSet<>();

    /** A writer onto the stream (closed by {@link #close()}); {@code compressed} deflates each entry. */
    public NpzWriter(OutputStream out, boolean compressed) {
        this.zip = new ZipOutputStream(out);
        this.compressed = compressed;
    }

    /**
     * Adds one array as {@code <name>.npy}. Names are Python identifiers (letters, digits,
     * underscore; at most 100 characters) so that {@code np.load(f)[name]} and {@code f.name} work.
     */
    public NpzWriter add(String name, NpyArray array) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("npz array name must match " + NAME.pattern() + ": " + name);
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate npz array name: " + name);
        }
        byte[] npy = Npy.toBytes(array);
        ZipEntry e = new ZipEntry(name + ".npy");
        e.setTime(FIXED_TIME);
        if (compressed) {
            e.setMethod(ZipEntry.DEFLATED);
        } else {
            CRC32 crc = new CRC32();
            crc.update(npy);
            e.setMethod(ZipEntry.STORED);
            e.setSize(npy.length);
            e.setCompressedSize(npy.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(npy);
        zip.closeEntry();
        return this;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Writes the arrays (in the map's order) as a deflated npz to the stream and closes it. */
    public static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
        try (NpzWriter w = new NpzWriter(out, true)) {
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                w.add(e.getKey(), e.getValue());
            }
        }
    }

    /** Writes the arrays as a deflated npz file, replacing it. */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        write(new BufferedOutputStream(Files.newOutputStream(file)), arrays);
    }
}
