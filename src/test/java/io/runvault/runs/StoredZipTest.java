package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredZipTest {

    private static StoredZip.Entry entry(String name, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return new StoredZip.Entry(name, content.length, crc.getValue(), (out, size) -> out.write(content));
    }

    private static Map<String, byte[]> contents() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] random = new byte[70_000];
        new Random(3).nextBytes(random);
        files.put("manifest.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        files.put("checkpoints/best.params", random);
        files.put("données/été.csv", "x\n".getBytes(StandardCharsets.UTF_8));
        files.put("empty.txt", new byte[0]);
        return files;
    }

    @Test
    void theLengthIsExactAndBothKindsOfReaderSeeEveryEntry(@TempDir Path dir) throws IOException {
        Map<String, byte[]> files = contents();
        List<StoredZip.Entry> entries = new ArrayList<>();
        files.forEach((name, content) -> entries.add(entry(name, content)));
        StoredZip zip = new StoredZip(entries, Instant.parse("2026-11-24T10:15:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.write(out);
        assertEquals(zip.length(), out.size());

        Map<String, byte[]> streamed = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                assertEquals(ZipEntry.STORED, e.getMethod());
                streamed.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(files.keySet(), streamed.keySet());
        files.forEach((name, content) -> assertArrayEquals(content, streamed.get(name), name));

        Path file = dir.resolve("run.zip");
        Files.write(file, out.toByteArray());
        try (ZipFile central = new ZipFile(file.toFile())) {
            assertEquals(files.size(), central.size());
            for (var name : files.keySet()) {
                ZipEntry e = central.getEntry(name);
                assertEquals(2026, java.time.LocalDateTime.ofInstant(e.getLastModifiedTime().toInstant(),
                        java.time.ZoneId.systemDefault()).getYear());
                assertArrayEquals(files.get(name), central.getInputStream(e).readAllBytes(), name);
            }
        }
    }

    @Test
    void aSourceThatFailsLeavesAShortBodyNotACompleteZip() {
        byte[] content = new byte[10_000];
        StoredZip zip = new StoredZip(List.of(entry("a.txt", "a".getBytes()),
                new StoredZip.Entry("b.bin", content.length, 0, (out, size) -> {
                    out.write(content, 0, 100);
                    throw new IOException("disk gone");
                })), Instant.parse("2026-11-24T10:15:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> zip.write(out));
        assertEquals(true, out.size() < zip.length(), out.size() + " < " + zip.length());
    }
}
