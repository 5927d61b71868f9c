package io.runvault.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Appends the next event inside the caller's transaction, so that it commits, or not, together with
 * the change it records. The head row is updated first: that row lock makes concurrent appenders
 * (threads of this server or other servers on the same database) wait for each other until commit,
 * so each one links to the event committed before it and the chain never forks.
 */
@ApplicationScoped
public class AuditWriter {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEvent appendNext(Instant occurredAt, String actor, String action, String target, String details) {
        ChainHead head = lockHead();
        AuditRecord record = head.next(occurredAt, actor, action, target, details);
        AuditEvent event = new AuditEvent(record, AuditChain.hash(record));
        em.persist(event);
        em.flush();
        em.createNativeQuery("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")
                .setParameter(1, event.seq())
                .setParameter(2, event.hash())
                .executeUpdate();
        return event;
    }

    /** The head as of now, locked until the caller's transaction ends. */
    private ChainHead lockHead() {
        int locked = em.createNativeQuery("UPDATE audit_head SET last_seq = last_seq WHERE id = 1").executeUpdate();
        if (locked != 1) {
            throw new IllegalStateException("The audit_head row is missing: the audit log cannot be appended to");
        }
        // Read after the lock is held: read committed then sees the head the previous appender committed.
        return head();
    }

    /** The head as stored (without locking it). */
    public ChainHead head() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .getSingleResult();
        return new ChainHead(((Number) row[0]).longValue(), ((String) row[1]).trim());
    }
}
