package io.runvault.audit;

/**
 * Walks stored events in seq order and stops at the first one that breaks the chain: a seq that is
 * not the next number, a prevHash that is not the previous event's hash, or content that no longer
 * hashes to the stored hash.
 */
public final class ChainVerifier {

    private ChainHead head = ChainHead.EMPTY;
    private long checked;
    private AuditVerification broken;

    /** Checks the next stored event; false once the chain is broken (later events are not read). */
    public boolean accept(AuditRecord record, String storedHash) {
        if (broken != null) {
            return false;
        }
        checked++;
        long expected = head.seq() + 1;
        if (record.seq() != expected) {
            return fail(expected, "event " + expected + " is missing (the next stored event is " + record.seq() + ")");
        }
        if (!head.hash().equals(record.prevHash())) {
            return fail(expected, expected == 1
                    ? "prevHash of the first event is not the genesis value"
                    : "prevHash does not equal the hash of event " + head.seq());
        }
        String recomputed;
        try {
            recomputed = AuditChain.hash(record);
        } catch (RuntimeException unreadable) {
            return fail(expected, "the event cannot be hashed: " + unreadable.getMessage());
        }
        if (!recomputed.equals(storedHash)) {
            return fail(expected, "the event's content does not hash to its stored hash (it was changed after it was written)");
        }
        head = new ChainHead(record.seq(), storedHash);
        return true;
    }

    /**
     * Checks that the events read reach the head the appenders recorded (read before the walk, so
     * events appended since are no concern): events cut from the end of the chain break it there.
     */
    public boolean reaches(ChainHead recorded, String hashAtRecordedSeq) {
        if (broken != null) {
            return false;
        }
        if (head.seq() < recorded.seq()) {
            return fail(head.seq() + 1, "events " + (head.seq() + 1) + " to " + recorded.seq()
                    + " are missing (the chain head says the newest event is " + recorded.seq() + ")");
        }
        if (recorded.seq() > 0 && !recorded.hash().equals(hashAtRecordedSeq)) {
            return fail(recorded.seq(), "the event's hash differs from the one the chain head recorded for it");
        }
        return true;
    }

    public AuditVerification result() {
        return broken != null ? broken : AuditVerification.intact(checked);
    }

    private boolean fail(long seq, String reason) {
        broken = AuditVerification.broken(checked, seq, reason);
        return false;
    }
}
