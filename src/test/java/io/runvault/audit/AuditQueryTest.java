package io.runvault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.problem.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    private static AuditQuery parse(String from, String to, String order, String limit, String cursor) {
        return AuditQuery.parse(null, null, null, from, to, order, limit, cursor);
    }

    private static void refused(String type, Runnable parse) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, parse::run);
        assertEquals(type, e.type());
    }

    @Test
    void defaultsAreNewestFirstFiftyAtATime() {
        AuditQuery query = parse(null, null, null, null, null);
        assertTrue(query.descending());
        assertEquals(50, query.limit());
        assertNull(query.afterSeq());
        assertNull(query.from());
    }

    @Test
    void timesAreRfc3339WithOffset() {
        AuditQuery query = parse("2026-11-24T10:15:00+01:00", "2026-11-25T00:00:00Z", "asc", "1000", null);
        assertEquals(Instant.parse("2026-11-24T09:15:00Z"), query.from());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), query.to());
        assertFalse(query.descending());
        assertEquals(1000, query.limit());
        refused("bad-filter", () -> parse("yesterday", null, null, null, null));
        refused("bad-filter", () -> parse(null, "2026-11-24T10:15:00", null, null, null));
        refused("bad-filter", () -> parse("2026-11-25T00:00:00Z", "2026-11-24T00:00:00Z", null, null, null));
    }

    @Test
    void limitIsAWholeNumberFromOneToAThousand() {
        for (String bad : new String[] {"0", "1001", "-1", "abc", "1.5"}) {
            refused("bad-filter", () -> parse(null, null, null, bad, null));
        }
        refused("bad-filter", () -> parse(null, null, "sideways", null, null));
        refused("bad-filter", () -> AuditQuery.parse("", null, null, null, null, null, null, null));
        refused("bad-filter", () -> AuditQuery.parse(null, "x".repeat(65), null, null, null, null, null, null));
    }

    @Test
    void aCursorContinuesAfterItsSeqInItsOwnOrderOnly() {
        String cursor = parse(null, null, "asc", null, null).cursorAfter(42);
        assertEquals(42L, parse(null, null, "asc", null, cursor).afterSeq());
        refused("bad-cursor", () -> parse(null, null, "desc", null, cursor));
        refused("bad-cursor", () -> parse(null, null, null, null, "bm9wZQ"));
        refused("bad-cursor", () -> parse(null, null, null, null, "%%%"));
    }
}
