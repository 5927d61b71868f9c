package io.runvault.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of walking the chain. */
@Schema(name = "AuditVerification")
public record AuditVerification(
        @Schema(required = true, description = "True when every event hashes to its stored hash, links to its predecessor and no seq is missing") boolean intact,
        @Schema(required = true, description = "Events read, up to and including the first broken one") long eventsChecked,
        @Schema(description = "The first seq at which the chain breaks (a changed event, a broken link, or a missing seq); absent when intact") Long firstBrokenSeq,
        @Schema(description = "What is wrong at firstBrokenSeq; absent when intact") String reason) {

    public static AuditVerification intact(long eventsChecked) {
        return new AuditVerification(true, eventsChecked, null, null);
    }

    public static AuditVerification broken(long eventsChecked, long seq, String reason) {
        return new AuditVerification(false, eventsChecked, seq, reason);
    }
}
