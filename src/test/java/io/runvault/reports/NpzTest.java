package io.runvault.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    private static Map<String, NpyArray> sample() {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("epoch", NpyArray.ofDoubles(new double[] {1, 2, 3}));
        m.put("val_auc", NpyArray.ofDoubles(new double[] {0.5, 0.875, Double.NaN}));
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);
        }
        m.put("images", NpyArray.ofUint8(pixels, 2, 3, 4));
        m.put("labels", NpyArray.ofLongs(new long[] {7, -2}, 2, 1));
        m.put("logits", NpyArray.ofFloats(new float[] {1.5f, -0.25f}));
        m.put("counts", NpyArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 2, 3));
        return m;
    }

    @Test
    void headerIsVersion1AlignedTo64() {
        byte[] h = Npy.header(NpyArray.ofDoubles(new double[] {1, 2, 3}));
        assertEquals(0, h.length % 64);
        assertEquals((byte) 0x93, h[0]);
        assertEquals(1, h[6]);
        assertEquals(0, h[7]);
        String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertTrue(dict.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), dict);
        assertTrue(dict.endsWith(" \n"));
        String d2 = new String(Npy.header(NpyArray.ofUint8(new byte[6], 2, 3)), StandardCharsets.US_ASCII);
        assertTrue(d2.contains("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }"), d2);
    }

    @Test
    void roundTripsThroughTheReaderStoredAndDeflated() throws IOException {
        for (boolean compressed : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (NpzWriter w = new NpzWriter(out, compressed)) {
                for (Map.Entry<String, NpyArray> e : sample().entrySet()) {
                    w.add(e.getKey(), e.getValue());
                }
            }
            Map<String, NpyArray> back = NpzReader.read(new ByteArrayInputStream(out.toByteArray()), NpzReader.Limits.DEFAULT);
            assertEquals(sample().keySet().stream().toList(), back.keySet().stream().toList());
            for (Map.Entry<String, NpyArray> e : sample().entrySet()) {
                NpyArray a = back.get(e.getKey());
                assertEquals(e.getValue().dtype(), a.dtype(), e.getKey());
                assertArrayEquals(e.getValue().shape(), a.shape(), e.getKey());
                assertArrayEquals(e.getValue().toByteArray(), a.toByteArray(), e.getKey());
            }
            assertEquals(0.875, back.get("val_auc").getDouble(1));
            assertEquals(220, back.get("images").getLong(20));
            assertArrayEquals(new long[] {7, -2}, back.get("labels").toLongArray());
            assertEquals(-0.25, back.get("logits").getDouble(1));
        }
    }

    @Test
    void sameArraysGiveTheSameBytes() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        NpzWriter.write(a, sample());
        NpzWriter.write(b, sample());
        assertArrayEquals(a.toByteArray(), b.toByteArray());
    }

    @Test
    void numpyLoadsWhatWeWrite() throws IOException {
        assumeTrue(PythonNumpy.available(), "Debian python3-numpy is not installed");
        Path file = dir.resolve("training_curves.npz");
        NpzWriter.write(file, sample());
        String out = PythonNumpy.run(String.join("\n",
                "import sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "for k in z.files:",
                "    a = z[k]",
                "    print(k, a.dtype.str, a.shape, a.ravel().tolist())"), file.toString());
        assertEquals(String.join("\n",
                "epoch <f8 (3,) [1.0, 2.0, 3.0]",
                "val_auc <f8 (3,) [0.5, 0.875, nan]",
                "images |u1 (2, 3, 4) [0, 11, 22, 33, 44, 55, 66, 77, 88, 99, 110, 121, 132, 143, 154, 165, 176, 187, 198, 209, 220, 231, 242, 253]",
                "labels <i8 (2, 1) [7, -2]",
                "logits <f4 (2,) [1.5, -0.25]",
                "counts <i4 (2, 3) [1, 2, 3, 4, 5, 6]"), out);
    }

    @Test
    void readsWhatNumpyWritesMedmnistStyle() throws IOException {
        assumeTrue(PythonNumpy.available(), "Debian python3-numpy is not installed");
        Path stored = dir.resolve("mnist_like.npz");
        Path deflated = dir.resolve("rgb_like.npz");
        PythonNumpy.run(String.join("\n",
                "import sys, numpy as np",
                "imgs = (np.arange(3*28*28) % 256).astype(np.uint8).reshape(3, 28, 28)",
                "np.savez(sys.argv[1], train_images=imgs, train_labels=np.array([[3],[7],[9]], dtype=np.uint8),",
                "         val_images=imgs[:1], big_endian=np.array([1.5, -2.0], dtype='>f8'))",
                "rgb = (np.arange(2*28*28*3) % 251).astype(np.uint8).reshape(2, 28, 28, 3)",
                "np.savez_compressed(sys.argv[2], test_images=rgb, test_labels=np.array([[0],[1]], dtype=np.uint8),",
                "         flags=np.array([True, False]), ids=np.array([1, 2], dtype=np.uint16))"),
                stored.toString(), deflated.toString());
        Map<String, NpyArray> a = NpzReader.read(stored);
        assertEquals(java.util.List.of("train_images", "train_labels", "val_images", "big_endian"), a.keySet().stream().toList());
        NpyArray images = a.get("train_images");
        assertEquals(NpyDType.UINT8, images.dtype());
        assertArrayEquals(new int[] {3, 28, 28}, images.shape());
        assertEquals((2 * 784 + 300) % 256, images.getLong(2 * 784 + 300));
        assertArrayEquals(new int[] {3, 1}, a.get("train_labels").shape());
        assertArrayEquals(new long[] {3, 7, 9}, a.get("train_labels").toLongArray());
        assertArrayEquals(new double[] {1.5, -2.0}, a.get("big_endian").toDoubleArray());

        Map<String, NpyArray> b = NpzReader.read(deflated);
        NpyArray rgb = b.get("test_images");
        assertArrayEquals(new int[] {2, 28, 28, 3}, rgb.shape());
        assertEquals(4000 % 251, rgb.getLong(4000));
        assertEquals(NpyDType.BOOL, b.get("flags").dtype());
        assertArrayEquals(new long[] {1, 0}, b.get("flags").toLongArray());
        assertArrayEquals(new long[] {1, 2}, b.get("ids").toLongArray());
    }

    // ---- hostile input ---------------------------------------------------------------------

    /** An NPY file with the given header dict (padded, newline added) and data. */
    private static byte[] npy(int major, String dict, byte[] data) {
        String header = dict + "\n";
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    private static byte[] zip(boolean stored, Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                byte[] bytes = (byte[]) nameThenBytes[i + 1];
                ZipEntry e = new ZipEntry((String) nameThenBytes[i]);
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(bytes.length);
                    e.setCompressedSize(bytes.length);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(bytes);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String refusal(byte[] npz) {
        return refusal(npz, NpzReader.Limits.DEFAULT);
    }

    private static String refusal(byte[] npz, NpzReader.Limits limits) {
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> NpzReader.read(new ByteArrayInputStream(npz), limits));
        return e.getMessage();
    }

    private static final String F8_3 = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";

    @Test
    void refusesBadHeaders() throws IOException {
        byte[] data = new byte[24];
        assertTrue(refusal(zip(false, "a.npy", "not numpy at all".getBytes(StandardCharsets.US_ASCII))).contains("bad magic"));
        byte[] v9 = npy(1, F8_3, data);
        v9[6] = 9;
        assertTrue(refusal(zip(false, "a.npy", v9)).contains("unsupported NPY format version 9.0"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': False}", data))).contains("missing key"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}", data)))
                .contains("unexpected key 'x'"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }", data)))
                .contains("fortran_order must be True or False"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }", data)))
                .contains("malformed header"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3), }", data)))
                .contains("trailing comma"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,), }", data)))
                .contains("too large"));
        byte[] noNewline = npy(1, F8_3, data);
        noNewline[10 + F8_3.length()] = ' ';
        assertTrue(refusal(zip(false, "a.npy", noNewline)).contains("newline"));
        byte[] hugeHeader = npy(2, "{" + " ".repeat(20_000) + "}", new byte[0]);
        assertTrue(refusal(zip(false, "a.npy", hugeHeader)).contains("over the limit"));
    }

    @Test
    void refusesUnsupportedDtypesAndFortranOrder() throws IOException {
        byte[] data = new byte[48];
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (3,), }", data)))
                .contains("unsupported dtype '|O'"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }", data)))
                .contains("unsupported dtype '<c16'"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }", data)))
                .contains("unsupported dtype"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '|f8', 'fortran_order': False, 'shape': (3,), }", data)))
                .contains("unsupported dtype"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (3,), }", data)))
                .contains("structured"));
        assertTrue(refusal(zip(false, "a.npy", npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }", new byte[24])))
                .contains("fortran_order arrays are not supported"));
    }

    @Test
    void refusesTruncatedAndTrailingData() throws IOException {
        String m = refusal(zip(false, "a.npy", npy(1, F8_3, new byte[20])));
        assertTrue(m.contains("truncated data") && m.contains("declares 24 bytes") && m.contains("holds 20"), m);
        assertTrue(refusal(zip(false, "a.npy", npy(1, F8_3, new byte[30]))).contains("trailing bytes"));
        for (boolean stored : new boolean[] {true, false}) {
            byte[] whole = zip(stored, "a.npy", npy(1, F8_3, new byte[24]));
            String cut = refusal(java.util.Arrays.copyOf(whole, 70));
            assertTrue(cut.contains("truncated"), cut);
        }
        byte[] cut = java.util.Arrays.copyOf(Npy.header(NpyArray.ofDoubles(new double[3])), 20);
        assertTrue(refusal(zip(false, "a.npy", cut)).contains("truncated: the file ends inside the header"));
    }

    @Test
    void refusesOtherEntriesDuplicatesAndNonZips() throws IOException {
        byte[] ok = Npy.toBytes(NpyArray.ofDoubles(new double[] {1}));
        assertTrue(refusal(zip(false, "notes.txt", ok)).contains("'notes.txt' is not an .npy array"));
        assertTrue(refusal(zip(false, "a.npy", ok, "x/", new byte[0])).contains("not an .npy array"));
        assertTrue(refusal("hello".getBytes(StandardCharsets.US_ASCII)).contains("not an npz (zip) archive"));
        assertTrue(refusal(new byte[0]).contains("not an npz"));
        assertTrue(refusal(zip(false, "a.npy", ok, "b.npy", ok, "c.npy", ok), new NpzReader.Limits(1 << 20, 2))
                .contains("more than 2 arrays"));
    }

    @Test
    void refusesCorruptEntries() throws IOException {
        byte[] z = zip(true, "a.npy", Npy.toBytes(NpyArray.ofDoubles(new double[] {1, 2, 3})));
        z[30 + "a.npy".length() + 128 + 3] ^= 0x55; // a data byte: the CRC no longer matches
        assertTrue(refusal(z).contains("corrupt"), refusal(z));
    }

    @Test
    void refusesEntriesWhoseDeclaredSizeDisagrees() throws IOException {
        byte[] z = zip(true, "a.npy", Npy.toBytes(NpyArray.ofDoubles(new double[] {1, 2, 3})), "b.npy",
                Npy.toBytes(NpyArray.ofDoubles(new double[] {4})));
        // Local header of the first (stored) entry: compressed size at 18, uncompressed size at 22.
        ByteBuffer b = ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN);
        int declared = b.getInt(22);
        b.putInt(18, declared + 40).putInt(22, declared + 40);
        String m = refusal(z);
        assertTrue(m.contains("declares " + (declared + 40) + " bytes but its header implies " + declared), m);
    }

    @Test
    void zipBombsAreRefusedBeforeInflating() throws IOException {
        // 256 MiB of zeros deflates to ~250 KiB; the header declares it all.
        int size = 256 << 20;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("bomb.npy"));
            z.write(npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (" + size + ",), }"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        byte[] bomb = out.toByteArray();
        assertTrue(bomb.length < 2 << 20, "bomb is " + bomb.length);
        String m = refusal(bomb, new NpzReader.Limits(64 << 20, 16));
        assertTrue(m.contains("over the remaining limit"), m);

        // A header that lies small: reading stops right after the declared bytes.
        ByteArrayOutputStream liar = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(liar)) {
            z.putNextEntry(new ZipEntry("liar.npy"));
            z.write(npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (10,), }"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(refusal(liar.toByteArray()).contains("trailing bytes"));

        // Several entries each under the limit, together over it.
        byte[] mb = Npy.toBytes(NpyArray.ofUint8(new byte[1 << 20]));
        String total = refusal(zip(false, "a.npy", mb, "b.npy", mb, "c.npy", mb), new NpzReader.Limits(2_500_000, 16));
        assertTrue(total.contains("'c.npy'") && total.contains("over the remaining limit"), total);
    }

    private static byte[] npyHeader(String dict) {
        return npy(1, dict, new byte[0]);
    }

    @Test
    void arraysCheckTheirShape() {
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofDoubles(new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofUint8(new byte[6], 2, -3));
        assertThrows(IllegalStateException.class, () -> NpyArray.ofDoubles(new double[] {1}).getLong(0));
        assertThrows(IndexOutOfBoundsException.class, () -> NpyArray.ofDoubles(new double[] {1}).getDouble(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzWriter w = new NpzWriter(out, true);
        assertThrows(IllegalArgumentException.class, () -> w.add("../evil", NpyArray.ofDoubles(new double[1])));
        assertThrows(IllegalArgumentException.class, () -> w.add("a b", NpyArray.ofDoubles(new double[1])));
    }
}
