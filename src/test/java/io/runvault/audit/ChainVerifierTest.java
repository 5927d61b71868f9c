package io.runvault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private record Stored(AuditRecord record, String hash) {
    }

    private static List<Stored> chain(int length) {
        List<Stored> events = new ArrayList<>();
        ChainHead head = ChainHead.EMPTY;
        for (int i = 0; i < length; i++) {
            AuditRecord record = head.next(Instant.parse("2026-11-24T10:15:00Z").plusSeconds(i), "alice", "run.commit",
                    "run-" + i, AuditChain.canonicalDetails(Map.of("i", i)));
            String hash = AuditChain.hash(record);
            events.add(new Stored(record, hash));
            head = new ChainHead(record.seq(), hash);
        }
        return events;
    }

    private static AuditVerification verify(List<Stored> events) {
        ChainVerifier verifier = new ChainVerifier();
        for (Stored event : events) {
            if (!verifier.accept(event.record(), event.hash())) {
                break;
            }
        }
        return verifier.result();
    }

    private static AuditRecord withDetails(AuditRecord r, String details) {
        return new AuditRecord(r.seq(), r.occurredAt(), r.actor(), r.action(), r.target(), details, r.prevHash());
    }

    @Test
    void anUntouchedChainIsIntact() {
        AuditVerification result = verify(chain(5));
        assertTrue(result.intact());
        assertEquals(5, result.eventsChecked());
        assertNull(result.firstBrokenSeq());
        assertNull(result.reason());
        assertTrue(verify(List.of()).intact(), "an empty log is intact");
    }

    @Test
    void aChangedEventIsNamed() {
        List<Stored> events = chain(5);
        Stored third = events.get(2);
        events.set(2, new Stored(withDetails(third.record(), "{\"i\":99}"), third.hash()));
        AuditVerification result = verify(events);
        assertFalse(result.intact());
        assertEquals(3L, result.firstBrokenSeq());
        assertEquals(3, result.eventsChecked());
        assertTrue(result.reason().contains("does not hash"), result.reason());
    }

    @Test
    void aChangedEventWhoseHashWasRecomputedBreaksTheNextLink() {
        List<Stored> events = chain(5);
        AuditRecord forged = withDetails(events.get(2).record(), "{\"i\":99}");
        events.set(2, new Stored(forged, AuditChain.hash(forged)));
        AuditVerification result = verify(events);
        assertEquals(4L, result.firstBrokenSeq());
        assertTrue(result.reason().contains("prevHash"), result.reason());
    }

    @Test
    void aMissingEventIsNamed() {
        List<Stored> events = chain(5);
        events.remove(2);
        AuditVerification result = verify(events);
        assertEquals(3L, result.firstBrokenSeq());
        assertTrue(result.reason().contains("missing"), result.reason());
    }

    @Test
    void theFirstEventMustLinkToGenesis() {
        List<Stored> events = chain(2);
        AuditRecord r = events.get(0).record();
        AuditRecord relinked = new AuditRecord(1, r.occurredAt(), r.actor(), r.action(), r.target(), r.details(),
                "blake2b:" + "f".repeat(64));
        events.set(0, new Stored(relinked, AuditChain.hash(relinked)));
        AuditVerification result = verify(events);
        assertEquals(1L, result.firstBrokenSeq());
        assertTrue(result.reason().contains("genesis"), result.reason());
    }

    @Test
    void detailsThatAreNoLongerJsonAreABrokenLinkNotAFailure() {
        List<Stored> events = chain(3);
        Stored second = events.get(1);
        events.set(1, new Stored(withDetails(second.record(), "not json"), second.hash()));
        AuditVerification result = verify(events);
        assertEquals(2L, result.firstBrokenSeq());
        assertTrue(result.reason().contains("cannot be hashed"), result.reason());
    }

    @Test
    void eventsCutFromTheEndAreFoundByTheRecordedHead() {
        List<Stored> events = chain(5);
        ChainVerifier verifier = new ChainVerifier();
        events.subList(0, 3).forEach(e -> verifier.accept(e.record(), e.hash()));
        assertFalse(verifier.reaches(new ChainHead(5, events.get(4).hash()), null));
        AuditVerification result = verifier.result();
        assertFalse(result.intact());
        assertEquals(4L, result.firstBrokenSeq());
        assertTrue(result.reason().contains("events 4 to 5 are missing"), result.reason());
    }

    @Test
    void aHeadRecordedBeforeLaterAppendsStillHolds() {
        List<Stored> events = chain(5);
        ChainVerifier verifier = new ChainVerifier();
        events.forEach(e -> verifier.accept(e.record(), e.hash()));
        assertTrue(verifier.reaches(new ChainHead(3, events.get(2).hash()), events.get(2).hash()));
        assertTrue(verifier.reaches(ChainHead.EMPTY, null), "an empty head (a new log) holds");
        assertTrue(verifier.result().intact());
    }

    @Test
    void changesWithoutEventsMakeAnIntactChainNotIntact() {
        AuditVerification result = AuditVerification.intact(7)
                .withUnaudited(List.of(new Unaudited("run.commit", 2, List.of("a", "b"))));
        assertFalse(result.intact());
        assertNull(result.firstBrokenSeq());
        assertEquals("2 run.commit change(s) stored without an audit event", result.reason());
    }
}
