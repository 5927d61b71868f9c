package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedCopyTest {

    @TempDir
    Path dir;

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return Files.write(dir.resolve("blob"), bytes);
    }

    @Test
    void rangesAcrossWindowAndChunkEdgesAreCopiedExactly() throws Exception {
        Path file = file(10_000);
        byte[] all = Files.readAllBytes(file);
        MappedCopy copy = new MappedCopy(1000, 64);
        long[][] ranges = {{0, 10_000}, {999, 2}, {1000, 1000}, {3333, 4444}, {9999, 1}, {5, 0}};
        try (FileChannel in = FileChannel.open(file)) {
            for (long[] range : ranges) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                AtomicLong counted = new AtomicLong(-1);
                copy.copy(in, range[0], range[1], out, counted::set);
                assertArrayEquals(Arrays.copyOfRange(all, (int) range[0], (int) (range[0] + range[1])), out.toByteArray(),
                        "bytes " + range[0] + " +" + range[1]);
                assertEquals(range[1], counted.get());
            }
        }
    }

    @Test
    void aClientThatGoesAwayIsCountedForWhatItGot() throws Exception {
        Path file = file(10_000);
        AtomicLong counted = new AtomicLong(-1);
        OutputStream closesAfter3000 = new OutputStream() {
            long written;

            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 3000) {
                    throw new IOException("connection reset");
                }
                written += len;
            }
        };
        try (FileChannel in = FileChannel.open(file)) {
            assertThrows(IOException.class,
                    () -> new MappedCopy(1000, 100).copy(in, 0, 10_000, closesAfter3000, counted::set));
        }
        assertEquals(3000, counted.get());
    }
}
