package io.runvault.datasets;

import java.util.List;

/**
 * How to read a dataset beyond its format: the CSV label and group columns, and the class names
 * (npz, IDX and CSV; an image folder names its classes by its folders). Null or empty: not given.
 */
public record DatasetOptions(String labelColumn, String groupColumn, List<String> classes) {

    public DatasetOptions {
        labelColumn = blankToNull(labelColumn);
        groupColumn = blankToNull(groupColumn);
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    public static DatasetOptions none() {
        return new DatasetOptions(null, null, List.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
