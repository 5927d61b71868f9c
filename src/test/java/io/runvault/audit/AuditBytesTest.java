package io.runvault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Existing audit chains must keep verifying: the canonical details text, each event's hash and its
 * export line are pinned as the appliance has always produced them.
 */
class AuditBytesTest {

    static final Instant AT = Instant.parse("2026-11-24T10:15:00.123Z");
    static final String PREV = "blake2b:" + "d".repeat(64);

    static Map<String, Object> details() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", Map.of("k", "v"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", "x \u00e9 \ud83d\ude00 \"q\" \\ / \u0001\u001f\n\u2028");
        details.put("small", 1e-7);
        details.put("tenth", 0.1);
        details.put("big", 1L << 53);
        details.put("neg", -5);
        details.put("whole", 100.0);
        details.put("huge", 1e21);
        details.put("float", 1.5f);
        details.put("flag", true);
        details.put("none", null);
        details.put("empty", Map.of());
        details.put("list", Arrays.asList(1, 0.5, "s", List.of(), null));
        details.put("nested", nested);
        details.put("\u00e9", "key order is by UTF-16 code units");
        return details;
    }

    static AuditRecord record(String details) {
        return new AuditRecord(7, AT, "alice", "run.commit", "blake2b:" + "a".repeat(64), details, PREV);
    }

    /** A row written by hand or by an older version: not canonical, but a JSON object. */
    static final String LOOSE = "{ \"b\": 1.0, \"a\": \"\\u00e9\\/\", \"c\": 1E2, \"d\": [ ], \"e\": -0, \"b\": 2 }";

    static final String DETAILS_CANONICAL = "{\"big\":9007199254740992,\"empty\":{},\"flag\":true,\"float\":1.5,\"huge\":1e+21,\"list\":[1,0."
            + "5,\"s\",[],null],\"name\":\"x \u00e9 \ud83d\ude00 \\\"q\\\" \\\\ / \\u0001\\u001f\\n\u2028\",\"n"
            + "eg\":-5,\"nested\":{\"a\":{\"k\":\"v\"},\"z\":1},\"none\":null,\"small\":1e-7,\"tenth\":0.1,\"wh"
            + "ole\":100,\"\u00e9\":\"key order is by UTF-16 code units\"}";
    static final String DETAILS_HASH = "blake2b:926ba5cf4640f1b57a1d675cd929b76abc0d2f37a639d1c11a01d4e41c294f47";
    static final String DETAILS_LINE = "{\"action\":\"run.commit\",\"actor\":\"alice\",\"details\":{\"big\":9007199254740992,\"empty\":{"
            + "},\"flag\":true,\"float\":1.5,\"huge\":1e+21,\"list\":[1,0.5,\"s\",[],null],\"name\":\"x \u00e9 "
            + "\ud83d\ude00 \\\"q\\\" \\\\ / \\u0001\\u001f\\n\u2028\",\"neg\":-5,\"nested\":{\"a\":{\"k\":\"v\""
            + "},\"z\":1},\"none\":null,\"small\":1e-7,\"tenth\":0.1,\"whole\":100,\"\u00e9\":\"key order is by"
            + " UTF-16 code units\"},\"hash\":\"blake2b:926ba5cf4640f1b57a1d675cd929b76abc0d2f37a639d1c11a01d4e"
            + "41c294f47\",\"occurredAt\":\"2026-11-24T10:15:00.123Z\",\"prevHash\":\"blake2b:ddddddddddddddddd"
            + "ddddddddddddddddddddddddddddddddddddddddddddddd\",\"seq\":7,\"target\":\"blake2b:aaaaaaaaaaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}";
    static final String LOOSE_HASH = "blake2b:411c4daa1a7efd17a4b1372c4eba183bccb45d1be2f6d416cd1112cdef721d87";
    static final String LOOSE_LINE = "{\"action\":\"run.commit\",\"actor\":\"alice\",\"details\":{\"a\":\"\u00e9/\",\"b\":2,\"c\":100,"
            + "\"d\":[],\"e\":0},\"hash\":\"blake2b:411c4daa1a7efd17a4b1372c4eba183bccb45d1be2f6d416cd1112cdef7"
            + "21d87\",\"occurredAt\":\"2026-11-24T10:15:00.123Z\",\"prevHash\":\"blake2b:ddddddddddddddddddddd"
            + "ddddddddddddddddddddddddddddddddddddddddddd\",\"seq\":7,\"target\":\"blake2b:aaaaaaaaaaaaaaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}";
    static final String NOT_AN_OBJECT_LINE = "{\"action\":\"run.commit\",\"actor\":\"alice\",\"details\":\"[1, 2]\",\"hash\":\"blake2b:ddddddd"
            + "ddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\",\"occurredAt\":\"2026-11-24T10:15:00"
            + ".123Z\",\"prevHash\":\"blake2b:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\""
            + ",\"seq\":7,\"target\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "\"}";

    @Test
    void detailsKeepTheirCanonicalText() {
        assertEquals(DETAILS_CANONICAL, AuditChain.canonicalDetails(details()));
    }

    @Test
    void anEventKeepsItsHashAndExportLine() {
        AuditRecord record = record(AuditChain.canonicalDetails(details()));
        assertEquals(DETAILS_HASH, AuditChain.hash(record));
        assertEquals(DETAILS_LINE, AuditChain.line(record, AuditChain.hash(record)));
    }

    @Test
    void aNonCanonicalStoredRowHashesAsBefore() {
        AuditRecord record = record(LOOSE);
        assertEquals(LOOSE_HASH, AuditChain.hash(record));
        assertEquals(LOOSE_LINE, AuditChain.line(record, AuditChain.hash(record)));
    }

    @Test
    void aRowWhoseDetailsAreNoObjectIsShownAsTextAndCannotBeHashed() {
        for (String altered : new String[] {"not json", "[1]", "\"text\"", "{\"a\":", ""}) {
            assertThrows(IllegalArgumentException.class, () -> AuditChain.hash(record(altered)), altered);
        }
        assertEquals(NOT_AN_OBJECT_LINE, AuditChain.line(record("[1, 2]"), PREV));
    }
}
