package io.runvault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:15:00.123456Z");

    /** An independent BLAKE2b-256 (BouncyCastle), so the test does not check our hasher against itself. */
    private static String reference(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Blake2bDigest digest = new Blake2bDigest(256);
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return "blake2b:" + HexFormat.of().formatHex(out);
    }

    private static AuditRecord first() {
        return ChainHead.EMPTY.next(AT, "alice", "run.commit", "blake2b:" + "a".repeat(64),
                AuditChain.canonicalDetails(Map.of("name", "20261124_x_y_aaaaaa", "experiment", "e1", "fileCount", 4)));
    }

    @Test
    void theFirstEventLinksToGenesisAndTimesKeepMilliseconds() {
        AuditRecord record = first();
        assertEquals(1, record.seq());
        assertEquals("blake2b:" + "0".repeat(64), record.prevHash());
        assertEquals(Instant.parse("2026-11-24T10:15:00.123Z"), record.occurredAt());
    }

    @Test
    void theHashIsBlake2bOfTheCanonicalJsonOfTheEvent() {
        String canonical = "{\"action\":\"run.commit\",\"actor\":\"alice\",\"details\":{\"experiment\":\"e1\","
                + "\"fileCount\":4,\"name\":\"20261124_x_y_aaaaaa\"},\"occurredAt\":\"2026-11-24T10:15:00.123Z\","
                + "\"prevHash\":\"blake2b:" + "0".repeat(64) + "\",\"seq\":1,\"target\":\"blake2b:" + "a".repeat(64) + "\"}";
        assertEquals(reference(canonical), AuditChain.hash(first()));
    }

    @Test
    void theExportLineIsCanonicalAndHashesToItsHashMemberWithoutIt() {
        AuditRecord record = first();
        String hash = AuditChain.hash(record);
        String line = AuditChain.line(record, hash);
        String withoutHash = line.replace(",\"hash\":\"" + hash + "\"", "");
        assertNotEquals(line, withoutHash, "the line carries the hash after 'details'");
        assertEquals(hash, reference(withoutHash));
    }

    @Test
    void changingAnyHashedMemberChangesTheHash() {
        AuditRecord r = first();
        String hash = AuditChain.hash(r);
        List<AuditRecord> variants = new ArrayList<>(List.of(
                new AuditRecord(2, r.occurredAt(), r.actor(), r.action(), r.target(), r.details(), r.prevHash()),
                new AuditRecord(1, r.occurredAt().plusMillis(1), r.actor(), r.action(), r.target(), r.details(), r.prevHash()),
                new AuditRecord(1, r.occurredAt(), "mallory", r.action(), r.target(), r.details(), r.prevHash()),
                new AuditRecord(1, r.occurredAt(), r.actor(), "run.delete", r.target(), r.details(), r.prevHash()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), "other", r.details(), r.prevHash()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.target(), r.details().replace("4", "5"), r.prevHash()),
                new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.target(), r.details(), "blake2b:" + "1".repeat(64))));
        for (AuditRecord variant : variants) {
            assertNotEquals(hash, AuditChain.hash(variant), variant.toString());
        }
        // Whitespace or key order inside the stored details is not a change of content.
        String reordered = "{ \"name\": \"20261124_x_y_aaaaaa\", \"fileCount\": 4.0, \"experiment\": \"e1\" }";
        assertEquals(hash, AuditChain.hash(new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.target(),
                reordered, r.prevHash())));
    }

    @Test
    void detailsAreCanonicalJson() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", List.of(1, 2.5, true, "x"));
        details.put("a", Map.of("n", 0.001, "big", 1e21));
        details.put("m", null);
        details.put("ü", "é\n");
        assertEquals("{\"a\":{\"big\":1e+21,\"n\":0.001},\"m\":null,\"z\":[1,2.5,true,\"x\"],\"ü\":\"é\\n\"}",
                AuditChain.canonicalDetails(details));
        assertEquals("{}", AuditChain.canonicalDetails(null));
    }

    @Test
    void detailsThatJsonCannotCarryExactlyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuditChain.canonicalDetails(Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> AuditChain.canonicalDetails(Map.of("x", Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> AuditChain.canonicalDetails(Map.of("x", new Object())));
        assertThrows(IllegalArgumentException.class, () -> AuditChain.canonicalDetails(Map.of("x", Map.of(1, "y"))));
    }

    @Test
    void aNewEventMustNameActorActionAndTarget() {
        String details = "{}";
        assertThrows(IllegalArgumentException.class, () -> ChainHead.EMPTY.next(AT, "", "run.commit", "t", details));
        assertThrows(IllegalArgumentException.class, () -> ChainHead.EMPTY.next(AT, "a".repeat(65), "run.commit", "t", details));
        assertThrows(IllegalArgumentException.class, () -> ChainHead.EMPTY.next(AT, "alice", "Run Commit", "t", details));
        assertThrows(IllegalArgumentException.class, () -> ChainHead.EMPTY.next(AT, "alice", "run.commit", null, details));
        assertThrows(IllegalArgumentException.class, () -> ChainHead.EMPTY.next(AT, "alice", "run.commit", "t".repeat(301), details));
        assertThrows(IllegalArgumentException.class, () -> ChainHead.EMPTY.next(AT, "alice", "run.commit", "t",
                AuditChain.canonicalDetails(Map.of("x", "y".repeat(8000)))));
    }

    @Test
    void theNextEventLinksToTheHead() {
        AuditRecord one = first();
        String hash = AuditChain.hash(one);
        AuditRecord two = new ChainHead(one.seq(), hash).next(AT.plusSeconds(1), "bob", "user.create", "carol", "{}");
        assertEquals(2, two.seq());
        assertEquals(hash, two.prevHash());
    }
}
