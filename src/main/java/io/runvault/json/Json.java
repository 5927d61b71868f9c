package io.runvault.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The application's one JSON mapper (Jackson) and the ways it writes. Its settings are Jackson's
 * defaults, which the JSON files in existing runs were written with: members in declaration
 * order, numbers as Java prints them, a member a typed read does not know is an error. Both
 * objects are immutable and shared; adjust a single read or write with {@code reader().with(..)}
 * or {@code writer().with(..)}, never by reconfiguring the mapper.
 */
public final class Json {

    /** Reads JSON; writes it compact, on one line. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /**
     * Writes JSON as the files in a run hold it: two-space indentation, one member a line. A stream
     * given to it stays open (a file it opens itself is closed).
     */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {
    }
}
