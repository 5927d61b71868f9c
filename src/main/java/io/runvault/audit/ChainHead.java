package io.runvault.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The newest event of the chain (seq 0 and the genesis hash for an empty log): what the next event links to. */
public record ChainHead(long seq, String hash) {

    public static final ChainHead EMPTY = new ChainHead(0, AuditChain.GENESIS);

    /** The event after this one. Times keep milliseconds only: that is what the database stores and the hash covers. */
    public AuditRecord next(Instant occurredAt, String actor, String action, String target, String canonicalDetails) {
        AuditRecord.checkNew(actor, action, target, canonicalDetails);
        return new AuditRecord(seq + 1, occurredAt.truncatedTo(ChronoUnit.MILLIS), actor, action, target,
                canonicalDetails, hash);
    }
}
