package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Three 2x2 images with values 0..11 and labels 2, 0, 1. */
    Path[] tinyPair(boolean gz) throws IOException {
        byte[] px = new byte[12];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 20);
        }
        byte[] images = idx(8, new int[] {3, 2, 2}, px);
        byte[] labels = idx(8, new int[] {3}, new byte[] {2, 0, 1});
        return new Path[] {
            write("i", gz ? gzip(images) : images), write("l", gz ? gzip(labels) : labels)
        };
    }

    @Test
    void readsPlainAndGzipAlike() throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Path[] files = tinyPair(gz);
            LabelledImages data = IdxReader.readImages(files[0], files[1], List.of("a", "b", "c"));
            assertEquals(3, data.size());
            assertEquals(1, data.channels());
            assertEquals(2, data.height());
            assertEquals(2, data.width());
            assertArrayEquals(new int[] {2, 0, 1}, data.labels());
            assertEquals(0f, data.copyOfPixels()[0]);
            assertEquals(220 / 255f, data.copyOfPixels()[11]);
        }
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        byte[] bad = idx(8, new int[] {3}, new byte[] {1, 2, 3});
        bad[0] = 0x50; // "PK..." -- say, a zip file
        Path p = write("bad", bad);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void rejectsUnsupportedTypeAndRank() throws IOException {
        Path floats = write("f", idx(0x0d, new int[] {1}, new byte[4]));
        assertTrue(assertThrows(DatasetFormatException.class, () -> IdxReader.read(floats))
                .getMessage().contains("element type"));
        Path rank0 = write("r", idx(8, new int[0], new byte[0]));
        assertTrue(assertThrows(DatasetFormatException.class, () -> IdxReader.read(rank0))
                .getMessage().contains("rank"));
    }

    @Test
    void rejectsTruncatedFilesPlainAndGzip() throws IOException {
        byte[] full = idx(8, new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        byte[] cut = Arrays.copyOf(full, full.length - 100);
        Path plain = write("cut", cut);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(plain));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("1568"), e.getMessage());

        byte[] gz = gzip(full);
        Path cutGz = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(cutGz));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path header = write("hdr", new byte[] {0, 0, 8});
        assertThrows(DatasetFormatException.class, () -> IdxReader.read(header));
        Path dims = write("dims", new byte[] {0, 0, 8, 3, 0, 0, 0, 2});
        assertTrue(assertThrows(DatasetFormatException.class, () -> IdxReader.read(dims))
                .getMessage().contains("dimension list"));
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = idx(8, new int[] {3}, new byte[] {1, 2, 3, 4});
        Path p = write("long", full);
        assertTrue(assertThrows(DatasetFormatException.class, () -> IdxReader.read(p))
                .getMessage().contains("trailing bytes"));
    }

    @Test
    void rejectsLabelCountMismatchAndBadShapes() throws IOException {
        Path images = write("i", idx(8, new int[] {3, 2, 2}, new byte[12]));
        Path labels = write("l", idx(8, new int[] {2}, new byte[] {0, 1}));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.readImages(images, labels, List.of("a", "b")));
        assertTrue(e.getMessage().contains("label count mismatch") && e.getMessage().contains("3 images")
                && e.getMessage().contains("2 labels"), e.getMessage());

        Path labels3 = write("l3", idx(8, new int[] {3}, new byte[] {0, 1, 7}));
        e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.readImages(images, labels3, List.of("a", "b")));
        assertTrue(e.getMessage().contains("label 7"), e.getMessage());

        // Images passed as labels and the other way round: dimensions do not fit.
        Path labelsOk = write("lok", idx(8, new int[] {3}, new byte[] {0, 1, 1}));
        e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.readImages(labelsOk, images, List.of("a", "b")));
        assertTrue(e.getMessage().contains("3 or 4 dimensions"), e.getMessage());
    }

    @Test
    void readsDebianFashionMnist() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "dataset-fashion-mnist is not installed");
        LabelledImages test = FashionMnist.test(FashionMnist.DEBIAN_DIR);
        assertEquals(10_000, test.size());
        assertEquals(28, test.height());
        assertEquals(28, test.width());
        assertEquals(1, test.channels());
        assertEquals(10, test.numClasses());
        assertEquals("Ankle boot", test.classNames().get(test.labels()[0])); // the first test image
        int[] counts = test.classCounts();
        for (int c : counts) {
            assertEquals(1000, c);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : test.copyOfPixels()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        LabelledImages viaFormat = ImageDatasetFormat.named("idx")
                .read(FashionMnist.DEBIAN_DIR, "t10k", FashionMnist.CLASS_NAMES);
        assertEquals(test, viaFormat);
    }
}
