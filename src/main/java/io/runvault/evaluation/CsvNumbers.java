package io.runvault.evaluation;

/**
 * How the CSV outputs write numbers: NaN as an empty field (as pandas writes it); a value that is
 * exactly a float (a model's float32 output) in float's shortest form, so 0.1f reads "0.1" rather
 * than "0.10000000149011612"; other values in double's shortest form. Both read back exactly.
 */
final class CsvNumbers {

    private CsvNumbers() {
    }

    static String text(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        float f = (float) v;
        return f == v ? Float.toString(f) : Double.toString(v);
    }
}
