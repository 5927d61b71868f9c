package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which problem type each kind of bad manifest body gets: the reader refuses as strictly as it always has. */
class ManifestStrictnessTest {

    private static final String HEAD = "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":";
    private static final String FILE = "{\"path\":\"x\",\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|malformed-json",
            "' '|malformed-json",
            "'{'|malformed-json",
            "'{\"experiment\":\"e\",\"experiment\":\"f\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[]}'|malformed-json",
            "'" + HEAD + "[],\"tags\":{\"k\":\"a\",\"k\":\"b\"}}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":01}}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":1.}}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":NaN}}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":Infinity}}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":+1}}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":.5}}'|malformed-json",
            "'" + HEAD + "[],\"tags\":{\"a\":\"x\",}}'|malformed-json",
            "'" + HEAD + "[,]}'|malformed-json",
            "'" + HEAD + "[],\"tags\":{\"a\":\"\\x\"}}'|malformed-json",
            "'" + HEAD + "[],\"tags\":{\"a\":\"\t\"}}'|malformed-json",
            "'" + HEAD + "[],\"tags\":{\"a\":''x''}}'|malformed-json",
            "'/* note */" + HEAD + "[]}'|malformed-json",
            "'\uFEFF" + HEAD + "[]}'|malformed-json",
            "'" + HEAD + "[],\"metrics\":{\"a\":1e400}}'|bad-manifest",
            "'" + HEAD + "[],\"metrics\":{\"a\":-1e400}}'|bad-manifest",
            "'" + HEAD + "[],\"metrics\":{\"a\":\"1\"}}'|bad-manifest",
            "'" + HEAD + "[],\"metrics\":{\"a\":null}}'|bad-manifest",
            "'" + HEAD + "[],\"params\":{\"a\":null}}'|bad-manifest",
            "'" + HEAD + "[],\"params\":{\"a\":{}}}'|bad-manifest",
            "'" + HEAD + "[" + FILE + "5.0}]}'|bad-manifest",
            "'" + HEAD + "[" + FILE + "1e2}]}'|bad-manifest",
            "'" + HEAD + "[" + FILE + "9007199254740993}]}'|bad-manifest",
            "'" + HEAD + "[" + FILE + "99999999999999999999}]}'|bad-manifest",
            "'" + HEAD + "[" + FILE + "-0.0}]}'|bad-manifest",
            "'" + HEAD + "[" + FILE + "\"1\"}]}'|bad-manifest",
            "'[]'|bad-manifest",
            "'null'|bad-manifest",
            "'\"text\"'|bad-manifest",
            "'42'|bad-manifest"})
    void badBodiesGetTheirProblemType(String body, String type) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> ManifestReader.read(body.getBytes(StandardCharsets.UTF_8)), body);
        assertEquals(type, refused.type(), body);
    }

    /** Before, anything after the document was ignored; a manifest is one JSON value and nothing else. */
    @ParameterizedTest
    @ValueSource(strings = {" x", " {}", " // note", "}", "\"\""})
    void contentAfterTheDocumentIsRefused(String after) {
        String body = HEAD + "[]}" + after;
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> ManifestReader.read(body.getBytes(StandardCharsets.UTF_8)), body);
        assertEquals("malformed-json", refused.type(), body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5e0|5",
            "0|0",
            "-0|0",
            "9007199254740992|9007199254740992"})
    void wholeSizesAreAcceptedInAnyIntegralSpelling(String size, long expected) {
        String body = HEAD + "[" + FILE + size + "}]}";
        assertEquals(expected, ManifestReader.read(body.getBytes(StandardCharsets.UTF_8)).files().get(0).size());
    }
}
