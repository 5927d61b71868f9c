package io.runvault.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.erdtman.jcs.NumberToJSON;

/** A parameter value as the index stores and filters it: numbers in their canonical JSON form. */
final class ParamText {

    private ParamText() {
    }

    static String of(Object value) {
        if (value instanceof Double number) {
            try {
                return NumberToJSON.serializeNumber(number);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.valueOf(value);
    }
}
