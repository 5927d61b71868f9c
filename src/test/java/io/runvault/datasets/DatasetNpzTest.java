package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.reports.NpyArray;
import io.runvault.reports.NpyFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetNpzTest {

    private static final DatasetLimits LIMITS = new DatasetLimits(1 << 20, 1 << 20, 1000);

    @TempDir
    Path dir;

    private ParsedDataset read(byte[] npz, List<String> classes) throws IOException {
        Path file = Files.write(dir.resolve("d.npz"), npz);
        return DatasetFormat.NPZ.read(Map.of(DatasetFormat.SOURCE, file), new DatasetOptions(null, null, classes), LIMITS);
    }

    private String refusal(byte[] npz, List<String> classes) {
        IOException e = assertThrows(IOException.class, () -> read(npz, classes));
        assertTrue(e instanceof DatasetFormatException || e instanceof NpyFormatException, e.toString());
        return e.getMessage();
    }

    @Test
    void readsMedMnistStyleSplitsWithTheirOwnValAndTest() throws IOException {
        ParsedDataset d = read(DatasetFixtures.npz(9, 3, "train", "val", "test"), List.of());
        assertEquals(9, d.train().size());
        assertEquals(9, d.val().size());
        assertEquals(9, d.test().size());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertEquals(1, d.train().channels());
        assertEquals(6, d.train().height());
        assertArrayEquals(new int[] {3, 3, 3}, d.train().classCounts());
        assertEquals(60 / 255f, d.train().copyOfPixels()[36], 1e-6); // image 1 (label 1), pixel 0
        assertEquals(d, d.withTest(), "an own test split is kept");
    }

    @Test
    void namesClassesAndMovesChannelsFirst() throws IOException {
        byte[] px = new byte[2 * 2 * 2 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("train_images", NpyArray.ofUint8(px, 2, 2, 2, 3));
        a.put("train_labels", NpyArray.ofInts(new int[] {0, 1}));
        ParsedDataset d = read(DatasetFixtures.npz(a), List.of("normal", "pneumonia"));
        assertEquals(3, d.train().channels());
        assertEquals(List.of("normal", "pneumonia"), d.classNames());
        // image 0, channel 1, pixel 0 is byte 1 of the channels-last data
        assertEquals(1 / 255f, d.train().copyOfPixels()[4], 1e-6);
        assertNull(d.val());
    }

    @Test
    void refusesLabelCountsThatDoNotMatchTheImages() throws IOException {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("train_images", NpyArray.ofUint8(new byte[3 * 4], 3, 2, 2));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, 1}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("2 labels for 3 images"));
    }

    @Test
    void refusesTwoDimensionalImagesAndOtherShapes() throws IOException {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("train_images", NpyArray.ofUint8(new byte[6], 2, 3));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, 1}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("N x H x W"));
        a.put("train_images", NpyArray.ofUint8(new byte[2 * 4 * 2], 2, 2, 2, 2));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("C 1 or 3"));
        a.put("train_images", NpyArray.ofFloats(new float[8], 2, 2, 2));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("uint8"));
        a.put("train_images", NpyArray.ofUint8(new byte[8], 2, 2, 2));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, 1, 0, 1}, 2, 2));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("N or N x 1"));
    }

    @Test
    void refusesNonIntegerNegativeAndOutOfRangeLabels() throws IOException {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("train_images", NpyArray.ofUint8(new byte[8], 2, 2, 2));
        a.put("train_labels", NpyArray.ofDoubles(new double[] {0, 1.5}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("integers"));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, -1}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("negative"));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, 2}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of("a", "b")).contains("label 2"));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, 1_000_000}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("classes"));
    }

    @Test
    void refusesMissingUnknownAndUnpairedArraysAndMismatchedSplits() throws IOException {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("test_images", NpyArray.ofUint8(new byte[8], 2, 2, 2));
        a.put("test_labels", NpyArray.ofLongs(new long[] {0, 1}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("train"));
        a.put("train_images", NpyArray.ofUint8(new byte[8], 2, 2, 2));
        a.put("train_labels", NpyArray.ofLongs(new long[] {0, 1}));
        a.put("extra", NpyArray.ofLongs(new long[] {0}));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("extra"));
        a.remove("extra");
        a.put("val_images", NpyArray.ofUint8(new byte[8], 2, 2, 2));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("val_labels"));
        a.put("val_labels", NpyArray.ofLongs(new long[] {0, 1}));
        a.put("test_images", NpyArray.ofUint8(new byte[18], 2, 3, 3));
        assertTrue(refusal(DatasetFixtures.npz(a), List.of()).contains("differ in shape"));
    }

    @Test
    void refusesTruncatedArchivesAndZipBombs() throws IOException {
        byte[] whole = DatasetFixtures.npz(20, 2, "train", "test");
        refusal(Arrays.copyOf(whole, whole.length / 2), List.of());
        refusal(new byte[] {1, 2, 3}, List.of());
        // 4 MiB of zeros deflates to a few KiB: refused by what is inflated, over the 1 MiB limit
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("train_images", NpyArray.ofUint8(new byte[4 << 20], 1024, 64, 64));
        a.put("train_labels", NpyArray.ofLongs(new long[1024]));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var w = new io.runvault.reports.NpzWriter(out, true)) {
            for (var e : a.entrySet()) {
                w.add(e.getKey(), e.getValue());
            }
        }
        assertTrue(out.size() < 100_000, "a bomb: " + out.size());
        assertTrue(refusal(out.toByteArray(), List.of()).contains("limit"));
    }

    @Test
    void chargesThePixelsAsTheyAreHeldAndRefusesOverTheBudget() throws IOException {
        // 1000 images of 28x28: 784,000 bytes fit the 1 MiB budget, but as float pixels they take 3.1 MB.
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("train_images", NpyArray.ofUint8(new byte[1000 * 28 * 28], 1000, 28, 28));
        a.put("train_labels", NpyArray.ofLongs(new long[1000]));
        Path fits = Files.write(dir.resolve("fits.npz"), DatasetFixtures.npz(a));
        DatasetTooLargeException e = assertThrows(DatasetTooLargeException.class, () -> DatasetFormat.NPZ.read(
                Map.of(DatasetFormat.SOURCE, fits), DatasetOptions.none(), LIMITS));
        assertTrue(e.getMessage().contains("pixels"), e.getMessage());

        // A small file declaring more than the budget: refused before the array is allocated.
        a.put("train_images", NpyArray.ofUint8(new byte[20_000 * 28 * 28], 20_000, 28, 28));
        a.put("train_labels", NpyArray.ofLongs(new long[20_000]));
        byte[] bomb = DatasetFixtures.npz(a);
        assertTrue(bomb.length < 100_000, "compressed to " + bomb.length);
        Path file = Files.write(dir.resolve("bomb.npz"), bomb);
        assertThrows(DatasetTooLargeException.class, () -> DatasetFormat.NPZ.read(Map.of(DatasetFormat.SOURCE, file),
                DatasetOptions.none(), LIMITS));
    }
}
