package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCsvTest {

    private static final DatasetLimits LIMITS = new DatasetLimits(1 << 20, 1 << 20, 1000);

    @TempDir
    Path dir;

    private ParsedDataset read(String csv, String label, String group, List<String> classes) throws IOException {
        Path file = Files.writeString(dir.resolve("d.csv"), csv, StandardCharsets.UTF_8);
        return DatasetFormat.CSV.read(Map.of(DatasetFormat.SOURCE, file), new DatasetOptions(label, group, classes), LIMITS);
    }

    private String refusal(String csv, String label, String group) {
        return assertThrows(DatasetFormatException.class, () -> read(csv, label, group, List.of())).getMessage();
    }

    /** 40 patients, 3 rows each, two features; the class follows the patient. */
    static String patients() {
        StringBuilder csv = new StringBuilder("age,patient,marker,diagnosis\n");
        for (int p = 0; p < 40; p++) {
            for (int k = 0; k < 3; k++) {
                csv.append(30 + p).append(",p").append(p).append(',').append(k * 0.5).append(',')
                        .append(p % 2 == 0 ? "healthy" : "sick").append('\n');
            }
        }
        return csv.toString();
    }

    @Test
    void featuresBecomeOneByOneByFImagesAndLabelsClasses() throws IOException {
        ParsedDataset d = read("\uFEFFa,b,label\n1,2.5,10\n-3,4e2,2\n5,6,10\n", "label", null, List.of());
        assertEquals(1, d.train().channels());
        assertEquals(1, d.train().height());
        assertEquals(2, d.train().width());
        assertEquals(List.of("2", "10"), d.classNames(), "integer labels in numeric order");
        assertArrayEquals(new int[] {1, 0, 1}, d.train().labels());
        assertArrayEquals(new float[] {1, 2.5f, -3, 400, 5, 6}, d.train().copyOfPixels());
    }

    @Test
    void givenClassNamesFixTheOrder() throws IOException {
        ParsedDataset d = read("x,y\n1,b\n2,a\n", "y", null, List.of("b", "a"));
        assertArrayEquals(new int[] {0, 1}, d.train().labels());
        assertThrows(DatasetFormatException.class, () -> read("x,y\n1,b\n2,c\n", "y", null, List.of("b", "a")));
    }

    @Test
    void aGroupColumnKeepsEveryPatientOnOneSideOfTheTestSplit() throws IOException {
        ParsedDataset d = read(patients(), "diagnosis", "patient", List.of());
        assertEquals(40, d.groupCount());
        assertEquals(2, d.train().width(), "the group column is not a feature");
        ParsedDataset split = d.withTest();
        Set<Float> trainAges = new HashSet<>();
        float[] train = split.train().copyOfPixels();
        float[] test = split.test().copyOfPixels();
        for (int i = 0; i < split.train().size(); i++) {
            trainAges.add(train[2 * i]);
        }
        for (int i = 0; i < split.test().size(); i++) {
            assertTrue(!trainAges.contains(test[2 * i]), "a patient on both sides");
        }
        assertEquals(0, split.test().size() % 3);
        assertTrue(split.test().size() >= 18 && split.test().size() <= 30, "about 20%: " + split.test().size());
    }

    @Test
    void refusesBadTables() {
        assertTrue(refusal("a,b,label\n1,x,0\n", "label", null).contains("not a finite number"));
        assertTrue(refusal("a,label\nNaN,0\n", "label", null).contains("not a finite number"));
        assertTrue(refusal("a,label\n,0\n", "label", null).contains("not a finite number"));
        assertTrue(refusal("a,b\n1,0\n", "label", null).contains("no label column"));
        assertTrue(refusal("a,b,label\n1,2,0\n1,2\n", "label", null).contains("fields"));
        assertTrue(refusal("a,b,label\n1,2,0,9\n", "label", null).contains("fields"));
        assertTrue(refusal("a,b,label\n", "label", null).contains("no data rows"));
        assertTrue(refusal("", "label", null).contains("label"));
        assertTrue(refusal("a,label\n1,\n", "label", null).contains("empty label"));
        assertTrue(refusal("label,g\n0,p1\n", "label", "g").contains("no feature columns"));
        assertTrue(refusal("a,label\n1,0\n", "label", "patient").contains("no group column"));
        assertTrue(refusal("a,a,label\n1,2,0\n", "label", null).contains("unreadable CSV"));
        assertTrue(refusal("a,label\n1,\"0\n2,1\n", "label", null).contains("unreadable CSV"), "truncated quoted field");
    }

    @Test
    void refusesTextThatIsNotUtf8AndTablesOverTheLimits() throws IOException {
        Path file = Files.write(dir.resolve("latin1.csv"), new byte[] {'a', ',', 'l', '\n', '1', ',', (byte) 0xe9, '\n'});
        assertThrows(DatasetFormatException.class, () -> DatasetFormat.CSV.read(Map.of(DatasetFormat.SOURCE, file),
                new DatasetOptions("l", null, List.of()), LIMITS));
        StringBuilder big = new StringBuilder("a,label\n");
        for (int i = 0; i < 1001; i++) {
            big.append(i).append(",0\n");
        }
        assertThrows(DatasetTooLargeException.class, () -> read(big.toString(), "label", null, List.of()));
    }

    @Test
    void labelsEveryRowByItsClassAmongTenThousandClasses() throws IOException {
        // Classes given in an order of their own (not sorted): each row's label is its class's position.
        int classes = 10_000;
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + ((c * 7919) % classes));
        }
        StringBuilder csv = new StringBuilder("x,y\n");
        int rows = 50_000;
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(names.get((i * 31) % classes)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("many.csv"), csv, StandardCharsets.UTF_8);
        ParsedDataset d = DatasetFormat.CSV.read(Map.of(DatasetFormat.SOURCE, file), new DatasetOptions("y", null, names),
                new DatasetLimits(64 << 20, 64 << 20, rows));
        assertEquals(names, d.classNames());
        int[] labels = d.train().labels();
        for (int i = 0; i < rows; i++) {
            assertEquals((i * 31) % classes, labels[i], "row " + i);
        }
        assertEquals(Map.of("c1", 0, "c7919", 1), Map.of("c1", CsvDataset.index(List.of("c1", "c7919")).get("c1"),
                "c7919", CsvDataset.index(List.of("c1", "c7919")).get("c7919")));
    }
}
