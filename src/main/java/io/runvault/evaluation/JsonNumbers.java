package io.runvault.evaluation;

import io.runvault.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes JSON documents of metrics; NaN and infinities become null, which JSON can hold. */
final class JsonNumbers {

    private JsonNumbers() {
    }

    static void write(Object document, OutputStream out) throws IOException {
        Json.PRETTY.writeValue(out, clean(document));
        out.write('\n');
        out.flush();
    }

    private static Object clean(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, clean(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(clean(x)));
            return out;
        }
        return v;
    }
}
