package io.runvault.datasets;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV table (UTF-8, RFC 4180, a header row): one named label column, an optional named group
 * column (e.g. a patient id), and every other column a numeric feature. Each row becomes a 1 x 1 x F
 * "image" of its features, used as written (scale them beforehand if the model needs it). Classes
 * are the given names, or the distinct labels in order (numeric when every label is an integer).
 */
final class CsvDataset {

    private CsvDataset() {
    }

    /** Estimated bytes of one row's objects besides its values: the float[] and String headers, references. */
    private static final int ROW_OVERHEAD = 96;

    static ParsedDataset read(Path file, DatasetOptions options, ReadBudget budget) throws IOException {
        if (options.labelColumn() == null) {
            throw new DatasetFormatException("a CSV dataset needs labelColumn");
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .setAllowMissingColumnNames(false)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (Reader reader = utf8WithoutBom(file); CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            int labelAt = header.indexOf(options.labelColumn());
            if (labelAt < 0) {
                throw new DatasetFormatException("no label column '" + options.labelColumn() + "' in the header " + header);
            }
            int groupAt = -1;
            if (options.groupColumn() != null) {
                groupAt = header.indexOf(options.groupColumn());
                if (groupAt < 0 || groupAt == labelAt) {
                    throw new DatasetFormatException("no group column '" + options.groupColumn()
                            + "' (other than the label column) in the header " + header);
                }
            }
            List<Integer> featureColumns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != labelAt && i != groupAt) {
                    featureColumns.add(i);
                }
            }
            int f = featureColumns.size();
            if (f == 0) {
                throw new DatasetFormatException("no feature columns besides the label and group columns");
            }
            List<float[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1; // the header is line 1
                if (record.size() != header.size()) {
                    throw new DatasetFormatException("row at line " + line + " has " + record.size() + " fields, the header "
                            + header.size());
                }
                if (rows.size() >= budget.maxEntries()) {
                    throw new DatasetTooLargeException("more than " + budget.maxEntries() + " rows");
                }
                // The row's values, its label and group strings, and later its copy into one array.
                budget.charge(2 * ReadBudget.floats(f) + ROW_OVERHEAD + 2L * (record.get(labelAt).length()
                        + (groupAt >= 0 ? record.get(groupAt).length() : 0)), "row at line " + line);
                float[] row = new float[f];
                for (int j = 0; j < f; j++) {
                    String text = record.get(featureColumns.get(j));
                    row[j] = number(text, line, header.get(featureColumns.get(j)));
                }
                String label = record.get(labelAt);
                if (label.isEmpty()) {
                    throw new DatasetFormatException("empty label at line " + line);
                }
                rows.add(row);
                labels.add(label);
                if (groupAt >= 0) {
                    String group = record.get(groupAt);
                    if (group.isEmpty()) {
                        throw new DatasetFormatException("empty group at line " + line);
                    }
                    groups.add(group);
                }
            }
            if (rows.isEmpty()) {
                throw new DatasetFormatException("the CSV has a header but no data rows");
            }
            List<String> classes = classes(options.classes(), labels);
            Map<String, Integer> classIndex = index(classes);
            int[] y = new int[rows.size()];
            float[] x = new float[rows.size() * f];
            for (int i = 0; i < rows.size(); i++) {
                y[i] = classIndex.getOrDefault(labels.get(i), -1);
                if (y[i] < 0) {
                    throw new DatasetFormatException("label '" + labels.get(i) + "' at data row " + (i + 1)
                            + " is not one of the classes " + classes);
                }
                System.arraycopy(rows.get(i), 0, x, i * f, f);
            }
            LabelledImages all = new LabelledImages(x, y, 1, 1, f, classes);
            if (groupAt < 0) {
                return ParsedDataset.of(all, null, null, null, 0);
            }
            Map<String, Integer> ids = new LinkedHashMap<>();
            int[] g = groups.stream().mapToInt(name -> ids.computeIfAbsent(name, k -> ids.size())).toArray();
            return ParsedDataset.of(all, null, null, g, ids.size());
        } catch (DatasetFormatException e) {
            throw e;
        } catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException e) {
            // Parsing a file this server just wrote: a failure is the content's (bad quoting, not UTF-8).
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new DatasetFormatException(cause instanceof CharacterCodingException ? "the CSV is not UTF-8 text"
                    : "unreadable CSV: " + cause.getMessage(), e);
        }
    }

    /** Each class's position: one lookup per row, whatever the number of classes. */
    static Map<String, Integer> index(List<String> classes) {
        Map<String, Integer> index = new HashMap<>(classes.size() * 2);
        for (int i = 0; i < classes.size(); i++) {
            index.putIfAbsent(classes.get(i), i);
        }
        return index;
    }

    private static float number(String text, long line, String column) throws DatasetFormatException {
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value) || text.isEmpty()) {
                throw new NumberFormatException();
            }
            return (float) value;
        } catch (NumberFormatException e) {
            throw new DatasetFormatException("feature '" + column + "' at line " + line + " is not a finite number: '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }

    private static List<String> classes(List<String> given, List<String> labels) throws DatasetFormatException {
        if (!given.isEmpty()) {
            String problem = ClassNames.problem(given);
            if (problem != null) {
                throw new DatasetFormatException(problem);
            }
            return given;
        }
        boolean integers = labels.stream().allMatch(l -> l.matches("-?(0|[1-9]\\d{0,8})"));
        TreeSet<String> distinct = new TreeSet<>(integers ? Comparator.comparingInt(Integer::parseInt)
                : Comparator.<String>naturalOrder());
        distinct.addAll(labels);
        List<String> classes = List.copyOf(distinct);
        String problem = ClassNames.problem(classes);
        if (problem != null) {
            throw new DatasetFormatException(problem);
        }
        return classes;
    }

    private static Reader utf8WithoutBom(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file), decoder), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}
