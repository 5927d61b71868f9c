package io.runvault.reports;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy {@code .npz} archives (e.g. MedMNIST's {@code train_images}, {@code train_labels}, ...)
 * strictly: every entry must be a {@code <name>.npy} file of a supported dtype in C order, whole and
 * with nothing after its data. Against zip bombs it never inflates more than the declared array
 * sizes and the {@link Limits}: an entry's declared size must match what it holds, arrays are
 * checked against the remaining budget before any allocation, and the zip's CRCs are verified.
 */
public final class NpzReader {

    /**
     * Bounds on an archive: {@code maxTotalBytes} of inflated entry bytes in all, at most
     * {@code maxEntries} arrays.
     */
    public record Limits(long maxTotalBytes, int maxEntries) {
        /** 4 GiB in all (each array also at most {@link NpyArray#MAX_DATA_BYTES}), 256 arrays. */
        public static final Limits DEFAULT = new Limits(4L << 30, 256);

        public Limits {
            if (maxTotalBytes <= 0 || maxEntries <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private NpzReader() {
    }

    /** Reads every array of the file under the default limits, in archive order. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        return read(file, Limits.DEFAULT);
    }

    public static Map<String, NpyArray> read(Path file, Limits limits) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, limits);
        } catch (NpyTooLargeException e) {
            throw e;
        } catch (NpyFormatException e) {
            throw new NpyFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads every array of the stream (not closed) under the limits, in archive order. */
    public static Map<String, NpyArray> read(InputStream stream, Limits limits) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream);
        in.mark(4);
        byte[] sig = in.readNBytes(4);
        in.reset();
        boolean entries = sig.length == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 3 && sig[3] == 4;
        boolean empty = sig.length == 4 && sig[0] == 'P' && sig[1] == 'K' && sig[2] == 5 && sig[3] == 6;
        if (!entries && !empty) {
            throw new NpyFormatException("not an npz (zip) archive");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        long used = 0;
        ZipInputStream zip = new ZipInputStream(in);
        try {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String entry = e.getName();
                if (e.isDirectory() || !entry.endsWith(".npy") || entry.length() == 4) {
                    throw new NpyFormatException("entry '" + entry + "' is not an .npy array");
                }
                String name = entry.substring(0, entry.length() - 4);
                if (arrays.containsKey(name)) {
                    throw new NpyFormatException("duplicate entry '" + entry + "'");
                }
                if (arrays.size() >= limits.maxEntries()) {
                    throw new NpyFormatException("more than " + limits.maxEntries() + " arrays");
                }
                long remaining = limits.maxTotalBytes() - used;
                if (e.getSize() > remaining) {
                    throw new NpyTooLargeException("entry '" + entry + "' declares " + e.getSize()
                            + " bytes, over the remaining limit of " + remaining);
                }
                CountingStream counted = new CountingStream(zip);
                NpyArray array;
                try {
                    Npy.Header h = Npy.readHeader(counted, entry);
                    long entryBytes = h.headerBytes() + h.dataBytes();
                    if (e.getSize() >= 0 && e.getSize() != entryBytes) {
                        throw new NpyFormatException("entry '" + entry + "' declares " + e.getSize()
                                + " bytes but its header implies " + entryBytes);
                    }
                    if (entryBytes > remaining) {
                        throw new NpyTooLargeException("entry '" + entry + "' needs " + entryBytes
                                + " bytes, over the remaining limit of " + remaining);
                    }
                    array = Npy.readData(counted, entry, h);
                } catch (java.io.EOFException eof) {
                    throw new NpyFormatException("entry '" + entry + "' is truncated", eof);
                } catch (ZipException z) {
                    if (String.valueOf(z.getMessage()).contains("EOF")) {
                        throw new NpyFormatException("entry '" + entry + "' is truncated", z);
                    }
                    throw new NpyFormatException("entry '" + entry + "' is corrupt: " + z.getMessage(), z);
                }
                used += counted.count;
                arrays.put(name, array);
            }
        } catch (ZipException z) {
            throw new NpyFormatException("corrupt zip archive: " + z.getMessage(), z);
        } catch (java.io.EOFException eof) {
            throw new NpyFormatException("truncated zip archive", eof);
        }
        return Collections.unmodifiableMap(arrays);
    }

    /** Counts the bytes read through it; never closes the zip stream. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
