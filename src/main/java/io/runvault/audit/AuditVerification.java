package io.runvault.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of walking the chain and of looking for changes without their event. */
@Schema(name = "AuditVerification")
public record AuditVerification(
        @Schema(required = true, description = "True when every event hashes to its stored hash, links to its predecessor, no seq is missing and every stored change has its event") boolean intact,
        @Schema(required = true, description = "Events read, up to and including the first broken one") long eventsChecked,
        @Schema(description = "The first seq at which the chain breaks (a changed event, a broken link, or a missing seq); absent when the chain holds") Long firstBrokenSeq,
        @Schema(description = "What is wrong: at firstBrokenSeq, or else which changes lack their event; absent when intact") String reason,
        @Schema(required = true, description = "Stored changes (runs, model versions, datasets) without their audit event, by action; empty when every change has one") List<Unaudited> unaudited) {

    public AuditVerification {
        unaudited = List.copyOf(unaudited);
    }

    public static AuditVerification intact(long eventsChecked) {
        return new AuditVerification(true, eventsChecked, null, null, List.of());
    }

    public static AuditVerification broken(long eventsChecked, long seq, String reason) {
        return new AuditVerification(false, eventsChecked, seq, reason, List.of());
    }

    /** This chain verdict together with the changes found without an event. */
    public AuditVerification withUnaudited(List<Unaudited> missing) {
        if (missing.isEmpty()) {
            return this;
        }
        String summary = missing.stream().map(m -> m.count() + " " + m.action()).reduce((a, b) -> a + ", " + b).orElseThrow()
                + " change(s) stored without an audit event";
        return new AuditVerification(false, eventsChecked, firstBrokenSeq, reason == null ? summary : reason + "; " + summary,
                missing);
    }
}
