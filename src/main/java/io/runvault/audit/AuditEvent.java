package io.runvault.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stored audit event. Inserted once, never updated or deleted: there is no setter. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @Column(name = "seq")
    private long seq;

    // Epoch milliseconds as a plain long: queries compare it directly, with no converter involved.
    @Column(name = "occurred_at", nullable = false)
    private long occurredAt;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "target", nullable = false)
    private String target;

    @Column(name = "details", nullable = false)
    private String details;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(name = "hash", nullable = false)
    private String hash;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(AuditRecord record, String hash) {
        this.seq = record.seq();
        this.occurredAt = record.occurredAt().toEpochMilli();
        this.actor = record.actor();
        this.action = record.action();
        this.target = record.target();
        this.details = record.details();
        this.prevHash = record.prevHash();
        this.hash = hash;
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public AuditRecord record() {
        return new AuditRecord(seq, Instant.ofEpochMilli(occurredAt), actor, action, target, details, prevHash);
    }

    public AuditEntry view() {
        return new AuditEntry(seq, Instant.ofEpochMilli(occurredAt), actor, action, target,
                AuditChain.detailsView(details), prevHash, hash);
    }

    public String line() {
        return AuditChain.line(record(), hash);
    }
}
