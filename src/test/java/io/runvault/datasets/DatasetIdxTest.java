package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX folders, the server-side import of the MNIST family. */
class DatasetIdxTest {

    @TempDir
    Path dir;

    private void write(String prefix, int n, byte[] labels) throws IOException {
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                IdxReaderTest.gzip(IdxReaderTest.idx(IdxReader.UBYTE, new int[] {n, 4, 4}, new byte[n * 16])));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), IdxReaderTest.idx(IdxReader.UBYTE, new int[] {n}, labels));
    }

    @Test
    void readsTrainAndTestFilesNamingClassesByLabelOrAsGiven() throws IOException {
        write("train", 4, new byte[] {0, 1, 2, 1});
        write("t10k", 2, new byte[] {2, 0});
        ParsedDataset d = DatasetFormat.IDX.read(IdxDirectory.files(dir), DatasetOptions.none(), (DatasetLimits) null);
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertEquals(4, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(4, d.train().width());
        ParsedDataset named = DatasetFormat.IDX.read(IdxDirectory.files(dir),
                new DatasetOptions(null, null, List.of("a", "b", "c")), (DatasetLimits) null);
        assertEquals(List.of("a", "b", "c"), named.classNames());
        assertThrows(DatasetFormatException.class, () -> DatasetFormat.IDX.read(IdxDirectory.files(dir),
                new DatasetOptions(null, null, List.of("a", "b")), (DatasetLimits) null), "label 2 of two classes");
    }

    @Test
    void refusesAFolderWithoutTheFiles() throws IOException {
        write("train", 2, new byte[] {0, 1});
        assertThrows(DatasetFormatException.class, () -> IdxDirectory.files(dir));
    }
}
