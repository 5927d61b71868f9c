package io.runvault.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runvault.store.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A run's id is the BLAKE2b of its canonical manifest, so these bytes are pinned as the appliance
 * has always produced them: a different byte would give a committed run a second id.
 */
class ManifestBytesTest {

    static final String A = "blake2b:" + "a".repeat(64);
    static final String B = "blake2b:" + "b".repeat(64);
    static final String C = "blake2b:" + "c".repeat(64);

    /** Unicode, escapes, exponents, integers beyond 2^53, empty series, every lineage member. */
    static final String FULL = "{\"experiment\":\"fashion \\u00e9\u6f22 \\\"q\\\" \\\\ /x \ud83d\ude00\","
            + "\"createdAt\":\"2026-11-24T10:15:00.5+01:00\","
            + "\"params\":{\"lr\":1e-7,\"momentum\":0.1,\"big\":1e21,\"exact\":9007199254740993,\"neg\":-0.0,"
            + "\"augment\":true,\"off\":false,\"arch\":\"minicnn \\u00e9\",\"ctl\":\"a\\u0001\\u001f\\t\\n/b\","
            + "\"\u00e9t\u00e9\":1,\"whole\":5.0,\"hundred\":1E2},"
            + "\"metrics\":{\"acc\":0.875,\"max\":1.7976931348623157e308,\"tiny\":5e-324,\"one\":1.0,\"loss\":2.5E-3},"
            + "\"series\":{\"loss\":[0.5,1e-7,100,12345678901234567890],\"empty\":[]},"
            + "\"tags\":{\"dataset\":\"fashion-mnist\",\"note\":\"line\\nbreak \\u2028 \u00e9 \ud83d\ude00\",\"ctl\":\"\\u000b\"},"
            + "\"lineage\":{\"parents\":[\"" + A + "\",\"" + B + "\"],\"datasetDigest\":\"" + C + "\","
            + "\"datasetName\":\"Fashion \u00e9\",\"codeVersion\":\"v1.2\",\"environmentDigest\":null},"
            + "\"files\":[{\"path\":\"z/\u00e9.bin\",\"digest\":\"" + A + "\",\"size\":9007199254740992},"
            + "{\"path\":\"a.png\",\"digest\":\"" + B + "\",\"size\":0},"
            + "{\"path\":\"m.dat\",\"digest\":\"" + A + "\",\"size\":12,\"mediaType\":\"Application/X-Custom\"}]}";

    /** Every optional member given empty. */
    static final String EMPTY = "{\"experiment\":\"e\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"params\":{},"
            + "\"metrics\":{},\"series\":{},\"tags\":{},\"lineage\":{},\"files\":[]}";

    /** Only the required members. */
    static final String MINIMAL = "{\"experiment\":\"e\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"files\":[]}";

    static final String FULL_CANONICAL = "{\"createdAt\":\"2026-11-24T09:15:00.500Z\",\"experiment\":\"fashion \u00e9\u6f22 \\\"q\\\" \\\\ "
            + "/x \ud83d\ude00\",\"files\":[{\"digest\":\"blake2b:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
            + "bbbbbbbbbbbbbbbbbbb\",\"mediaType\":\"image/png\",\"path\":\"a.png\",\"size\":0},{\"digest\":\"b"
            + "lake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"mediaType\":\"applic"
            + "ation/x-custom\",\"path\":\"m.dat\",\"size\":12},{\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"mediaType\":\"application/octet-stream\",\"path\":\""
            + "z/\u00e9.bin\",\"size\":9007199254740992}],\"lineage\":{\"codeVersion\":\"v1.2\",\"datasetDigest"
            + "\":\"blake2b:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\",\"datasetName\":"
            + "\"Fashion \u00e9\",\"parents\":[\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "aaaaaaaaaa\",\"blake2b:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"]},\"me"
            + "trics\":{\"acc\":0.875,\"loss\":0.0025,\"max\":1.7976931348623157e+308,\"one\":1,\"tiny\":5e-324"
            + "},\"params\":{\"arch\":\"minicnn \u00e9\",\"augment\":true,\"big\":1e+21,\"ctl\":\"a\\u0001\\u00"
            + "1f\\t\\n/b\",\"exact\":9007199254740992,\"hundred\":100,\"lr\":1e-7,\"momentum\":0.1,\"neg\":0,\""
            + "off\":false,\"whole\":5,\"\u00e9t\u00e9\":1},\"series\":{\"empty\":[],\"loss\":[0.5,1e-7,100,123"
            + "45678901234567000]},\"tags\":{\"ctl\":\"\\u000b\",\"dataset\":\"fashion-mnist\",\"note\":\"line\\n"
            + "break \u2028 \u00e9 \ud83d\ude00\"}}";
    static final String FULL_ID = "blake2b:06c7b3a95e60ca3f971349c30f211b47a8c1738760454358d5aa0007cb549ca0";
    static final String EMPTY_CANONICAL = "{\"createdAt\":\"2026-01-01T00:00:00Z\",\"experiment\":\"e\",\"files\":[],\"lineage\":{\"parents"
            + "\":[]},\"metrics\":{},\"params\":{},\"series\":{},\"tags\":{}}";
    static final String MINIMAL_CANONICAL = "{\"createdAt\":\"2026-01-01T00:00:00Z\",\"experiment\":\"e\",\"files\":[],\"lineage\":{\"parents"
            + "\":[]},\"metrics\":{},\"params\":{},\"series\":{},\"tags\":{}}";

    static String canonical(String json) {
        return ManifestReader.read(json.getBytes(StandardCharsets.UTF_8)).canonicalText();
    }

    static String id(String json) {
        return Digest.compute(ManifestReader.read(json.getBytes(StandardCharsets.UTF_8)).canonicalBytes()).toString();
    }

    @Test
    void aFullManifestKeepsItsCanonicalBytesAndId() {
        assertEquals(FULL_CANONICAL, canonical(FULL));
        assertEquals(FULL_ID, id(FULL));
    }

    @Test
    void emptyAndMissingMembersKeepTheirCanonicalBytes() {
        assertEquals(EMPTY_CANONICAL, canonical(EMPTY));
        assertEquals(MINIMAL_CANONICAL, canonical(MINIMAL));
    }

    @Test
    void aStoredManifestReadsBackToTheSameBytes() {
        byte[] stored = ManifestReader.read(FULL.getBytes(StandardCharsets.UTF_8)).canonicalBytes();
        assertEquals(FULL_CANONICAL, ManifestReader.stored(stored).canonicalText());
    }
}
