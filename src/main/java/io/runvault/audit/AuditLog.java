package io.runvault.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tamper-evident, append-only audit log. Features record each change with {@link #append} in
 * the change's own transaction; the log knows nothing of them beyond actor, action and target, and
 * the targets their {@link AuditedChanges} name.
 */
@ApplicationScoped
public class AuditLog {

    /** The appliance itself as an actor. A ':' cannot occur in a user name, so it is never mistaken for one. */
    public static final String SYSTEM_ACTOR = "runvault:system";
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    AuditWriter writer;

    @Inject
    Clock clock;

    @Inject
    @Any
    Instance<AuditedChanges> audited;

    /**
     * Appends one event and returns its seq. Called inside the transaction of the change it records
     * (every change is), the event commits or rolls back with that change; called outside any, it is
     * committed on its own when this returns (events that record no stored change).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public long append(String actor, String action, String target, Map<String, ?> details) {
        String canonical = AuditChain.canonicalDetails(details);
        AuditRecord.checkNew(actor, action, target, canonical);
        return writer.appendNext(clock.instant(), actor, action, target, canonical).seq();
    }

    /**
     * Walks the whole chain in seq order, a batch at a time, and names the first broken link; then
     * lists the stored changes that have no event.
     */
    public AuditVerification verify() {
        return verifyChain().withUnaudited(unaudited());
    }

    private AuditVerification verifyChain() {
        ChainHead recorded = writer.head();
        String hashAtRecorded = null;
        ChainVerifier verifier = new ChainVerifier();
        long after = 0;
        while (true) {
            List<AuditEvent> batch = em.createQuery("SELECT e FROM AuditEvent e WHERE e.seq > :after ORDER BY e.seq",
                            AuditEvent.class)
                    .setParameter("after", after)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (AuditEvent event : batch) {
                if (!verifier.accept(event.record(), event.hash())) {
                    return verifier.result();
                }
                if (event.seq() == recorded.seq()) {
                    hashAtRecorded = event.hash();
                }
                after = event.seq();
            }
            if (batch.size() < BATCH) {
                verifier.reaches(recorded, hashAtRecorded);
                return verifier.result();
            }
        }
    }

    /** Every feature's stored changes whose event is missing, a page of targets at a time. */
    private List<Unaudited> unaudited() {
        List<Unaudited> found = new ArrayList<>();
        for (AuditedChanges changes : audited) {
            long count = 0;
            List<String> shown = new ArrayList<>();
            for (int first = 0; ; first += BATCH) {
                List<String> targets = changes.targets(first, BATCH);
                if (!targets.isEmpty()) {
                    Set<String> withEvent = new HashSet<>(em.createQuery("SELECT DISTINCT e.target FROM AuditEvent e "
                                    + "WHERE e.action = :action AND e.target IN :targets", String.class)
                            .setParameter("action", changes.action())
                            .setParameter("targets", targets)
                            .getResultList());
                    for (String target : targets) {
                        if (!withEvent.contains(target)) {
                            count++;
                            if (shown.size() < Unaudited.SHOWN) {
                                shown.add(target);
                            }
                        }
                    }
                }
                if (targets.size() < BATCH) {
                    break;
                }
            }
            if (count > 0) {
                found.add(new Unaudited(changes.action(), count, shown));
            }
        }
        found.sort(Comparator.comparing(Unaudited::action));
        return found;
    }

    public AuditPage query(AuditQuery query) {
        List<AuditEvent> rows = select(query, query.limit() + 1);
        boolean more = rows.size() > query.limit();
        List<AuditEvent> page = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? query.cursorAfter(page.get(page.size() - 1).seq()) : null;
        return new AuditPage(page.stream().map(AuditEvent::view).toList(), next);
    }

    /** Every matching event as JSON Lines, in seq order, read a batch at a time. */
    public void export(AuditQuery query, OutputStream out) throws IOException {
        AuditQuery batch = query;
        while (true) {
            List<AuditEvent> rows = select(batch, BATCH);
            for (AuditEvent event : rows) {
                out.write(event.line().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            if (rows.size() < BATCH) {
                out.flush();
                return;
            }
            batch = batch.after(rows.get(rows.size() - 1).seq());
        }
    }

    private List<AuditEvent> select(AuditQuery query, int max) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE 1 = 1");
        if (query.target() != null) {
            jpql.append(" AND e.target = :target");
        }
        if (query.actor() != null) {
            jpql.append(" AND e.actor = :actor");
        }
        if (query.action() != null) {
            jpql.append(" AND e.action = :action");
        }
        if (query.from() != null) {
            jpql.append(" AND e.occurredAt >= :since");
        }
        if (query.to() != null) {
            jpql.append(" AND e.occurredAt < :until");
        }
        if (query.afterSeq() != null) {
            jpql.append(query.descending() ? " AND e.seq < :after" : " AND e.seq > :after");
        }
        jpql.append(query.descending() ? " ORDER BY e.seq DESC" : " ORDER BY e.seq ASC");
        TypedQuery<AuditEvent> statement = em.createQuery(jpql.toString(), AuditEvent.class).setMaxResults(max);
        if (query.target() != null) {
            statement.setParameter("target", query.target());
        }
        if (query.actor() != null) {
            statement.setParameter("actor", query.actor());
        }
        if (query.action() != null) {
            statement.setParameter("action", query.action());
        }
        if (query.from() != null) {
            statement.setParameter("since", query.from().toEpochMilli());
        }
        if (query.to() != null) {
            statement.setParameter("until", query.to().toEpochMilli());
        }
        if (query.afterSeq() != null) {
            statement.setParameter("after", query.afterSeq());
        }
        return statement.getResultList();
    }
}
