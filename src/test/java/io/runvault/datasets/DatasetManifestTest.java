package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.store.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetManifestTest {

    @TempDir
    Path dir;

    private DatasetManifest manifest(String csv, DatasetOptions options) throws IOException {
        Path file = Files.writeString(dir.resolve("d.csv"), csv, StandardCharsets.UTF_8);
        ParsedDataset parsed = DatasetFormat.CSV.read(Map.of(DatasetFormat.SOURCE, file), options,
                new DatasetLimits(1 << 20, 1 << 20, 1000)).withTest();
        return DatasetManifest.of(DatasetFormat.CSV, List.of(new DatasetManifest.StoredFile(DatasetFormat.SOURCE,
                Digest.compute(file), Files.size(file))), parsed, options);
    }

    @Test
    void isCanonicalJsonThatReadsBackToTheSameDigest() throws IOException {
        DatasetManifest m = manifest(DatasetCsvTest.patients(), new DatasetOptions("diagnosis", "patient", List.of()));
        String json = m.toJson();
        assertTrue(json.startsWith("{\"classes\":[\"healthy\",\"sick\"],\"derivedTest\":{\"byGroup\":true,"), json);
        assertTrue(json.contains("\"groupColumn\":\"patient\",\"groups\":40"), json);
        assertTrue(json.contains("\"shape\":{\"channels\":1,\"height\":1,\"width\":2}"), json);
        DatasetManifest back = DatasetManifest.parse(json);
        assertEquals(json, back.toJson());
        assertEquals(m.digest(), back.digest());
        assertEquals(Digest.compute(json.getBytes(StandardCharsets.UTF_8)), m.digest());
        assertEquals(120, m.count("train") + m.count("test"));
        assertEquals(0, m.count("val"));
    }

    @Test
    void theSameContentReadTheSameWayHasTheSameDigest() throws IOException {
        DatasetOptions options = new DatasetOptions("diagnosis", "patient", List.of());
        assertEquals(manifest(DatasetCsvTest.patients(), options).digest(), manifest(DatasetCsvTest.patients(), options).digest());
        assertNotEquals(manifest(DatasetCsvTest.patients(), options).digest(),
                manifest(DatasetCsvTest.patients(), new DatasetOptions("diagnosis", "patient", List.of("sick", "healthy")))
                        .digest(), "read differently, it is another dataset");
    }
}
