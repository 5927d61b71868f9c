package io.runvault.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Reads the chain's head and inserts the next event, in a transaction of its own: the event is
 * committed (or not) by the time this returns, whatever transaction the caller is in.
 */
@ApplicationScoped
public class AuditWriter {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuditEvent appendNext(Instant occurredAt, String actor, String action, String target, String details) {
        List<AuditEvent> newest = em.createQuery("SELECT e FROM AuditEvent e ORDER BY e.seq DESC", AuditEvent.class)
                .setMaxResults(1)
                .getResultList();
        ChainHead head = newest.isEmpty() ? ChainHead.EMPTY : new ChainHead(newest.get(0).seq(), newest.get(0).hash());
        AuditRecord record = head.next(occurredAt, actor, action, target, details);
        AuditEvent event = new AuditEvent(record, AuditChain.hash(record));
        em.persist(event);
        // Flush here, so that a duplicate seq fails inside this method, where the caller can retry.
        em.flush();
        return event;
    }
}
