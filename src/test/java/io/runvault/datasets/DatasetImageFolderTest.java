package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImageFolderTest {

    private static final DatasetLimits LIMITS = new DatasetLimits(1 << 20, 1 << 20, 100);

    @TempDir
    Path dir;

    private ParsedDataset read(byte[] zip, DatasetLimits limits) throws IOException {
        Path file = Files.write(dir.resolve("d.zip"), zip);
        return DatasetFormat.IMAGE_FOLDER.read(Map.of(DatasetFormat.SOURCE, file), DatasetOptions.none(), limits);
    }

    private DatasetFormatException refusal(byte[] zip) {
        return assertThrows(DatasetFormatException.class, () -> read(zip, LIMITS));
    }

    @Test
    void readsOneFolderPerClassAndHoldsOutATestSplit() throws IOException {
        ParsedDataset d = read(DatasetFixtures.imageFolder(), LIMITS);
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertEquals(6, d.train().size());
        assertEquals(1, d.train().channels());
        assertEquals(8, d.train().width());
        assertNull(d.test());
        assertEquals(10 / 255f, d.train().copyOfPixels()[0], 1e-6); // cat/1.png pixel (0,0)
        ParsedDataset withTest = d.withTest();
        assertTrue(withTest.testDerived());
        assertEquals(2, withTest.test().size());
        assertEquals(4, withTest.train().size());
    }

    @Test
    void readsSplitFoldersAndMixedGreyAndColourAsColour() throws IOException {
        byte[] zip = DatasetFixtures.zip(
                "train/a/1.png", DatasetFixtures.png(9, 9, false, 1), "train/b/1.png", DatasetFixtures.png(9, 9, true, 2),
                "train/b/2.jpg", DatasetFixtures.jpeg(9, 9, 3), "val/a/1.png", DatasetFixtures.png(9, 9, true, 4),
                "test/b/9.png", DatasetFixtures.png(9, 9, false, 5));
        ParsedDataset d = read(zip, LIMITS);
        assertEquals(3, d.train().channels());
        assertEquals(3, d.train().size());
        assertEquals(1, d.val().size());
        assertEquals(1, d.test().size());
        assertEquals(List.of("a", "b"), d.classNames());
        // a grey image repeats its channel
        float[] p = d.train().copyOfPixels();
        assertEquals(p[0], p[81]);
        assertEquals(p[0], p[162]);
    }

    @Test
    void refusesEntriesThatEscapeTheFolder() throws IOException {
        byte[] png = DatasetFixtures.png(8, 8, false, 1);
        for (String name : List.of("../x.png", "/etc/x.png", "cat/../../x.png", "cat\\..\\x.png", "C:/cat/x.png",
                "cat//x.png", "./cat/x.png")) {
            assertTrue(refusal(DatasetFixtures.zip(name, png)).getMessage().contains("unsafe entry name"), name);
        }
    }

    @Test
    void refusesFilesThatAreNotImagesAndImagesOfDifferentSizes() throws IOException {
        byte[] png = DatasetFixtures.png(8, 8, false, 1);
        assertTrue(refusal(DatasetFixtures.zip("cat/1.png", png, "cat/notes.txt", "hello".getBytes()))
                .getMessage().contains("not a PNG or JPEG"));
        byte[] broken = Arrays.copyOf(png, 30);
        assertTrue(refusal(DatasetFixtures.zip("cat/1.png", broken)).getMessage().contains("not a readable image"));
        assertTrue(refusal(DatasetFixtures.zip("cat/1.png", png, "dog/1.png", DatasetFixtures.png(9, 8, false, 1)))
                .getMessage().contains("differ in size"));
    }

    @Test
    void refusesOtherLayouts() throws IOException {
        byte[] png = DatasetFixtures.png(8, 8, false, 1);
        assertTrue(refusal(DatasetFixtures.zip("x.png", png)).getMessage().contains("<class>/<image>"));
        assertTrue(refusal(DatasetFixtures.zip("data/cat/x.png", png)).getMessage().contains("train, val or test"));
        assertTrue(refusal(DatasetFixtures.zip("cat/x.png", png, "train/cat/y.png", png)).getMessage().contains("mixes"));
        assertTrue(refusal(DatasetFixtures.zip("test/cat/x.png", png)).getMessage().contains("train folder"));
        assertTrue(refusal(DatasetFixtures.zip()).getMessage().contains("no images"));
    }

    @Test
    void refusesZipBombsByTheBytesReallyInflated() throws IOException {
        // 8 MiB of zeros under a PNG name: counted while inflating, refused past the 1 MiB budget.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("cat/bomb.png"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(out.size() < 100_000);
        assertTrue(refusal(out.toByteArray()) instanceof DatasetTooLargeException);
    }

    @Test
    void refusesTooManyEntriesAndImagesDeclaringHugeSizes() throws IOException {
        byte[] png = DatasetFixtures.png(8, 8, false, 1);
        Object[] many = new Object[2 * 101];
        for (int i = 0; i < 101; i++) {
            many[2 * i] = "cat/" + i + ".png";
            many[2 * i + 1] = png;
        }
        assertTrue(refusal(DatasetFixtures.zip(many)) instanceof DatasetTooLargeException);
        assertTrue(refusal(DatasetFixtures.zip("cat/huge.png", withDeclaredSize(png, 100_000, 100_000)))
                .getMessage().contains("pixels a side"));
    }

    @Test
    void refusesTruncatedArchives() throws IOException {
        byte[] zip = DatasetFixtures.imageFolder();
        refusal(Arrays.copyOf(zip, zip.length - 40));
        refusal("not a zip".getBytes());
    }

    @Test
    void refusesTheSameNameTwiceAndNamesDifferingOnlyInCase() throws IOException {
        byte[] cat = DatasetFixtures.png(8, 8, false, 1);
        byte[] dog = DatasetFixtures.png(8, 8, false, 200);
        // A zip writer refuses a duplicate name: write two names of one length, then make them equal.
        byte[] twice = rename(DatasetFixtures.zip("cat/1.png", cat, "cat/2.png", dog), "cat/2.png", "cat/1.png");
        assertTrue(refusal(twice).getMessage().contains("in the archive twice"), refusal(twice).getMessage());
        for (Object[] clash : List.of(new Object[] {"cat/1.png", cat, "cat/1.PNG", dog},
                new Object[] {"cat/1.png", cat, "Cat/2.png", dog},
                new Object[] {"train/cat/1.png", cat, "TRAIN/dog/1.png", dog})) {
            String message = refusal(DatasetFixtures.zip(clash)).getMessage();
            assertTrue(message.contains("differ only in letter case"), message);
        }
    }

    @Test
    void neverReadsMoreOfAnEntryThanItDeclares() throws IOException {
        // An entry whose central directory claims 100 bytes but which inflates to 8 MiB: refused after 101 bytes.
        byte[] png = DatasetFixtures.png(8, 8, false, 1);
        byte[] big = Arrays.copyOf(png, 8 << 20);
        byte[] zip = DatasetFixtures.zip("cat/1.png", big);
        ByteBuffer b = ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        b.putInt(central + 24, 100); // uncompressed size
        String message = refusal(zip).getMessage();
        assertTrue(message.contains("more bytes than the 100 it declares") || message.contains("not a readable zip"),
                message);
    }

    @Test
    void chargesThePixelsAsTheyAreHeld() throws IOException {
        // 32x32 grey images are held as their bytes: 300 of them (300 KiB decoded, 300 KiB of pixels)
        // fit a 1 MiB budget, which as floats (1.2 MiB) they did not; 600 do not.
        DatasetLimits limits = new DatasetLimits(1 << 20, 1 << 20, 1000);
        ParsedDataset fits = read(DatasetFixtures.zip(greyImages(300)), limits);
        assertEquals(300 * 32 * 32, fits.train().pixelBytes());
        assertThrows(DatasetTooLargeException.class, () -> read(DatasetFixtures.zip(greyImages(600)), limits));
    }

    private static Object[] greyImages(int count) throws IOException {
        Object[] entries = new Object[2 * count];
        for (int i = 0; i < count; i++) {
            entries[2 * i] = (i % 2 == 0 ? "a/" : "b/") + i + ".png";
            entries[2 * i + 1] = DatasetFixtures.png(32, 32, false, i);
        }
        return entries;
    }

    private static byte[] rename(byte[] zip, String from, String to) {
        byte[] a = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = zip.clone();
        for (int at = indexOf(out, a); at >= 0; at = indexOf(out, a)) {
            System.arraycopy(b, 0, out, at, b.length);
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The PNG with its IHDR's width and height replaced (and its CRC fixed): a tiny file declaring a huge image. */
    private static byte[] withDeclaredSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, width);
        b.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17); // "IHDR" + 13 data bytes
        b.putInt(29, (int) crc.getValue());
        return out;
    }
}
