package io.runvault.audit;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An audit event as the API shows it. {@code details} is the stored object as maps, lists and
 * plain values (see {@link AuditChain#detailsView}), or the text of a row altered into something else.
 */
@Schema(name = "AuditEvent")
public record AuditEntry(
        @Schema(required = true, description = "Position in the chain: 1, 2, 3, ... without gaps") long seq,
        @Schema(required = true, description = "When the appliance recorded it (millisecond precision)") Instant occurredAt,
        @Schema(required = true, description = "The user who made the change, or runvault:system for the appliance itself") String actor,
        @Schema(required = true, description = "What happened, e.g. run.commit, user.create", example = "run.commit") String action,
        @Schema(required = true, description = "What it happened to, e.g. a run id or a user name") String target,
        @Schema(required = true, type = SchemaType.OBJECT, description = "Action-specific facts") Object details,
        @Schema(required = true, description = "The previous event's hash (blake2b:<64 zeros> for seq 1)") String prevHash,
        @Schema(required = true, description = "blake2b of the RFC 8785 canonical JSON of the other members") String hash) {
}
