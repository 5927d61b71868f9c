package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.problem.InvalidRequestException;
import io.runvault.store.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestReaderTest {

    private static final String A = "blake2b:" + "a".repeat(64);
    private static final String B = "blake2b:" + "b".repeat(64);

    private static RunManifest read(String json) {
        return ManifestReader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String manifest(String files) {
        return "{\"experiment\":\"fashion\",\"createdAt\":\"2026-11-24T10:15:00Z\","
                + "\"params\":{\"architecture\":\"minicnn\",\"lr\":0.0010,\"augment\":true},"
                + "\"metrics\":{\"val_accuracy\":0.91},\"series\":{\"val_loss\":[0.5,0.25]},"
                + "\"tags\":{\"dataset\":\"fashion-mnist\"},\"files\":" + files + "}";
    }

    @Test
    void theSameContentGivesTheSameBytesWhateverTheLayout() {
        RunManifest one = read(manifest("[{\"path\":\"b.png\",\"digest\":\"" + A + "\",\"size\":3},"
                + "{\"path\":\"a.csv\",\"digest\":\"" + B + "\",\"size\":4}]"));
        String reordered = "{ \"files\": [ {\"size\":4,\"digest\":\"" + B + "\",\"path\":\"a.csv\"},"
                + " {\"path\":\"b.png\",\"size\":3,\"digest\":\"" + A + "\",\"mediaType\":\"image/png\"} ],"
                + "\"tags\":{\"dataset\":\"fashion-mnist\"}, \"series\":{\"val_loss\":[5e-1,0.250]},"
                + "\"metrics\":{\"val_accuracy\":9.1E-1}, \"params\":{\"lr\":1e-3,\"augment\":true,\"architecture\":\"minicnn\"},"
                + "\"createdAt\":\"2026-11-24T11:15:00+01:00\", \"experiment\":\"fashion\" }";
        assertArrayEquals(one.canonicalBytes(), read(reordered).canonicalBytes());
        assertEquals(Digest.compute(one.canonicalBytes()), Digest.compute(read(reordered).canonicalBytes()));
    }

    @Test
    void canonicalBytesAreSortedCompactAndCarryDerivedMediaTypes() {
        RunManifest m = read(manifest("[{\"path\":\"figures/x.png\",\"digest\":\"" + A + "\",\"size\":3}]"));
        String text = m.canonicalText();
        assertTrue(text.startsWith("{\"createdAt\":\"2026-11-24T10:15:00Z\",\"experiment\":\"fashion\",\"files\":"), text);
        assertTrue(text.contains("\"mediaType\":\"image/png\""), text);
        assertTrue(text.contains("\"lr\":0.001"), text);
        assertFalse(text.contains(" "), text);
    }

    @Test
    void nameFollowsTheUsersHabit() {
        RunManifest m = read(manifest("[]"));
        assertEquals("20261124_fashion-mnist_minicnn_abcdef", RunName.of(m, "abcdef" + "0".repeat(58)));
        RunManifest bare = read("{\"experiment\":\"e\",\"createdAt\":\"2026-01-02T23:59:59-05:00\",\"files\":[]}");
        assertEquals("20260103_nodata_model_123456", RunName.of(bare, "123456" + "0".repeat(58)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "{", "[]", "null", "{\"experiment\":\"e\"}",
            "{\"experiment\":\"e\",\"createdAt\":\"yesterday\",\"files\":[]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00\",\"files\":[]}",
            "{\"experiment\":\"\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"extra\":1}",
            "{\"experiment\":\"e\",\"experiment\":\"f\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":{}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"metrics\":{\"a\":\"0.9\"}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"metrics\":{\"a\":1e999}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"params\":{\"a\":[1]}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"series\":{\"a\":[1,\"x\"]}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"tags\":{\"\":\"x\"}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"lineage\":{\"parents\":[\"x\"]}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"lineage\":{\"unknown\":1}}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"../x\",\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":1}]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"x\",\"digest\":\"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":1}]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"x\",\"digest\":\"blake2b:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"size\":1}]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"x\",\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":-1}]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"x\",\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":1.5}]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"x\",\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":1,\"mediaType\":\"text/html; charset=x\"}]}",
            "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[{\"path\":\"x\",\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"size\":1,\"extra\":true}]}"})
    void malformedOrRuleBreakingManifestsAreRefused(String json) {
        assertThrows(InvalidRequestException.class, () -> read(json));
    }

    @Test
    void duplicatePathsAreRefusedAlsoAfterNormalisation() {
        String files = "[{\"path\":\"\u00e9.csv\",\"digest\":\"" + A + "\",\"size\":1},"
                + "{\"path\":\"e\u0301.csv\",\"digest\":\"" + B + "\",\"size\":1}]";
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> read(manifest(files)));
        assertEquals("duplicate-path", refused.type());
    }

    @Test
    void deeplyNestedJsonIsRefusedNotCrashed() {
        String deep = "{\"experiment\":\"e\",\"createdAt\":\"2026-11-24T10:15:00Z\",\"files\":[],\"tags\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThrows(InvalidRequestException.class, () -> read(deep));
    }

    private static String at(String createdAt) {
        return "{\"experiment\":\"e\",\"createdAt\":\"" + createdAt + "\",\"files\":[]}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z", "26-11-24T10:15:00Z", "2026-11-24T10:15Z", "2026-11-24 10:15:00Z",
            "2026-11-24T10:15:00+0100", "2026-11-24T10:15:00.1234567890Z", "2026-02-30T10:15:00Z",
            "2026-11-24T24:00:00Z", "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
            "\u0662\u0660\u0662\u0666-11-24T10:15:00Z"})
    void createdAtIsStrictRfc3339WithAFourDigitYear(String createdAt) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> read(at(createdAt)));
        assertEquals("bad-manifest", refused.type());
    }

    @Test
    void createdAtAcceptsTheWholeRfc3339Range() {
        assertEquals("0000-01-01T00:00:00Z", read(at("0000-01-01T00:00:00Z")).createdAt().toString());
        assertEquals("9999-12-31T23:59:59Z", read(at("9999-12-31T23:59:59Z")).createdAt().toString());
        assertEquals("2026-11-24T09:15:00.500Z", read(at("2026-11-24t10:15:00.5+01:00")).createdAt().toString());
    }

    @Test
    void storedManifestsFromBeforeTheStrictRulesStayReadable() {
        RunManifest old = ManifestReader.stored(at("-0001-01-01T00:00:00Z").getBytes(StandardCharsets.UTF_8));
        assertEquals(-1, old.createdAt().atOffset(java.time.ZoneOffset.UTC).getYear());
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] body = at("2026-11-24T10:15:00Z").replace("\"e\"", "\"e\u00ff\"").getBytes(StandardCharsets.ISO_8859_1);
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> ManifestReader.read(body));
        assertEquals("bad-encoding", refused.type());
        byte[] overlong = at("2026-11-24T10:15:00Z").replace("\"e\"", "\"e__\"").getBytes(StandardCharsets.UTF_8);
        int i = new String(overlong, StandardCharsets.ISO_8859_1).indexOf("__");
        overlong[i] = (byte) 0xC0;
        overlong[i + 1] = (byte) 0xAF;
        assertEquals("bad-encoding", assertThrows(InvalidRequestException.class, () -> ManifestReader.read(overlong)).type());
        byte[] utf16 = at("2026-11-24T10:15:00Z").getBytes(StandardCharsets.UTF_16LE);
        assertThrows(InvalidRequestException.class, () -> ManifestReader.read(utf16));
    }

    @Test
    void loneSurrogateEscapesAreRefusedButPairsAreKept() {
        for (String text : new String[] {"\\ud800", "x\\udc00y", "\\udbff"}) {
            String json = at("2026-11-24T10:15:00Z").replace("\"files\"", "\"tags\":{\"k\":\"" + text + "\"},\"files\"");
            InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> read(json), text);
            assertEquals("bad-encoding", refused.type());
        }
        String key = at("2026-11-24T10:15:00Z").replace("\"files\"", "\"tags\":{\"\\ud800\":\"v\"},\"files\"");
        assertThrows(InvalidRequestException.class, () -> read(key));
        String pair = at("2026-11-24T10:15:00Z").replace("\"files\"", "\"tags\":{\"k\":\"\\ud83d\\ude00\"},\"files\"");
        assertEquals("\ud83d\ude00", read(pair).tags().get("k"));
    }
}
