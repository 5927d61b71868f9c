package io.runvault.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST, Fashion-MNIST, KMNIST, EMNIST), plain or gzip-compressed
 * (recognised by the gzip magic, not by the file name).
 *
 * <p>Format: two zero bytes, the element type (0x08 = unsigned byte; the only one accepted), the
 * number of dimensions (1..4), one big-endian int per dimension, then the values. Anything else, a
 * short file, or trailing bytes, is a {@link DatasetFormatException} naming the file and the problem.
 */
public final class IdxReader {

    /** Element type code for unsigned bytes. */
    public static final int UBYTE = 0x08;

    /** Refuse files declaring more than this many values (2 GiB arrays are the JVM's limit anyway). */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    private IdxReader() {}

    /** Reads one IDX file. */
    public static IdxArray read(Path file) throws IOException {
        return read(file, file.toString(), ReadBudget.unlimited());
    }

    /** Reads one IDX file, called {@code name} in messages, its values charged to the budget before they are allocated. */
    static IdxArray read(Path file, String name, ReadBudget budget) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, name, budget);
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(name + ": truncated or corrupt gzip stream (" + e.getMessage() + ")", e);
        }
    }

    /** Reads one IDX stream (already decompressed); {@code name} is used in error messages. */
    public static IdxArray read(InputStream in, String name) throws IOException {
        return read(in, name, ReadBudget.unlimited());
    }

    // Messages never quote the file's bytes: an error must not become a way to read a file.
    private static IdxArray read(InputStream in, String name, ReadBudget budget) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new DatasetFormatException(name + ": too short for an IDX header (" + header.length + " bytes)");
        }
        if (header[0] != 0 || header[1] != 0) {
            throw new DatasetFormatException(name + ": not an IDX file (it does not start with two zero bytes)");
        }
        int type = header[2] & 0xff;
        if (type != UBYTE) {
            throw new DatasetFormatException(name + ": unsupported IDX element type (only unsigned byte, 0x08, is supported)");
        }
        int rank = header[3] & 0xff;
        if (rank < 1 || rank > 4) {
            throw new DatasetFormatException(name + ": unsupported IDX rank (1 to 4 dimensions are supported)");
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new DatasetFormatException(name + ": truncated in the dimension list");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            int d = ((dimBytes[4 * i] & 0xff) << 24) | ((dimBytes[4 * i + 1] & 0xff) << 16)
                    | ((dimBytes[4 * i + 2] & 0xff) << 8) | (dimBytes[4 * i + 3] & 0xff);
            if (d < 0 || (d == 0 && i > 0)) {
                throw new DatasetFormatException(name + ": invalid dimension " + Integer.toUnsignedString(d)
                        + " at position " + i);
            }
            dims[i] = d;
            total *= d;
            if (total > MAX_VALUES) {
                throw new DatasetFormatException(name + ": declares too many values " + Arrays.toString(dims));
            }
        }
        budget.charge(total, name);
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new DatasetFormatException(name + ": truncated: dimensions " + Arrays.toString(dims) + " need "
                    + total + " values, found " + data.length);
        }
        if (in.read() != -1) {
            throw new DatasetFormatException(name + ": trailing bytes after the " + total
                    + " values declared by dimensions " + Arrays.toString(dims));
        }
        return new IdxArray(dims, data);
    }

    /**
     * Reads an image file (rank 3: N x H x W, or rank 4: N x H x W x C) and its label file (rank 1: N)
     * into a {@link LabelledImages} with pixels scaled to [0, 1] and channels first.
     */
    public static LabelledImages readImages(Path imagesFile, Path labelsFile, List<String> classNames)
            throws IOException {
        return toImages(read(imagesFile), imagesFile.toString(), read(labelsFile), labelsFile.toString(), classNames,
                ReadBudget.unlimited());
    }

    /** {@link #readImages} on arrays already read, the float pixels charged to the budget before they are allocated. */
    static LabelledImages toImages(IdxArray images, String imagesFile, IdxArray labels, String labelsFile,
                                   List<String> classNames, ReadBudget budget) throws IOException {
        int rank = images.dims().length;
        if (rank != 3 && rank != 4) {
            throw new DatasetFormatException(imagesFile + ": an image file has 3 or 4 dimensions, found "
                    + Arrays.toString(images.dims()));
        }
        if (labels.dims().length != 1) {
            throw new DatasetFormatException(labelsFile + ": a label file has 1 dimension, found "
                    + Arrays.toString(labels.dims()));
        }
        if (images.count() != labels.count()) {
            throw new DatasetFormatException("label count mismatch: " + imagesFile + " has " + images.count()
                    + " images but " + labelsFile + " has " + labels.count() + " labels");
        }
        int n = images.count();
        int h = images.dims()[1];
        int w = images.dims()[2];
        int c = rank == 4 ? images.dims()[3] : 1;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= classNames.size()) {
                throw new DatasetFormatException(labelsFile + ": label " + y[i] + " at index " + i + " but only "
                        + classNames.size() + " classes are known");
            }
        }
        // One channel is already N x 1 x H x W: the bytes read are the pixels, with no copy.
        budget.charge((c == 1 ? 0 : (long) n * c * h * w) + (long) Integer.BYTES * n, imagesFile + " as pixels");
        byte[] src = images.data();
        if (c == 1) {
            return LabelledImages.ofUnsignedBytes(src, y, c, h, w, classNames);
        }
        // IDX stores channels last (N x H x W x C); the training engine wants channels first.
        byte[] pixels = new byte[n * c * h * w];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                for (int ch = 0; ch < c; ch++) {
                    pixels[(i * c + ch) * plane + p] = src[(i * plane + p) * c + ch];
                }
            }
        }
        return LabelledImages.ofUnsignedBytes(pixels, y, c, h, w, classNames);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }
}
