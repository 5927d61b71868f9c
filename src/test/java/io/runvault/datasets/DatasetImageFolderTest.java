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
        assertEquals(10 / 255f, d.train().pixels()[0], 1e-6); // cat/1.png pixel (0,0)
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
        float[] p = d.train().pixels();
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
