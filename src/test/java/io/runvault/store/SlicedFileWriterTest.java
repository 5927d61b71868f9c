package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlicedFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void buffersAreWrittenInOrderWhileSlicesAreSynced() throws Exception {
        Path file = dir.resolve("upload");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(11);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             SlicedFileWriter writer = new SlicedFileWriter(out, 1000)) {
            for (int i = 0; i < 200; i++) {
                byte[] buffer = new byte[1 + random.nextInt(700)];
                random.nextBytes(buffer);
                int length = 1 + random.nextInt(buffer.length);
                expected.write(buffer, 0, length);
                writer.write(buffer, length).get(); // the caller reuses a buffer only once it is written
            }
            writer.force();
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void aFailedWriteFailsTheForceSoNothingIsAnsweredAsStored() throws Exception {
        Path file = Files.createFile(dir.resolve("upload"));
        // A channel that cannot write but can sync: only the write's own failure can fail the force.
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.READ);
             SlicedFileWriter writer = new SlicedFileWriter(out, 1000)) {
            writer.write(new byte[500], 500);
            assertThrows(Exception.class, writer::force);
        }
    }
}
