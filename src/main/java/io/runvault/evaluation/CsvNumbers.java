package io.runvault.evaluation;

/** How the CSV outputs write numbers: NaN as an empty field (as pandas writes it), others as Java prints doubles. */
final class CsvNumbers {

    private CsvNumbers() {
    }

    static String text(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
