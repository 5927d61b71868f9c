package io.runvault.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tamper-evident, append-only audit log. Features record their changes with {@link #append}
 * after the change is committed; the log knows nothing of them beyond actor, action and target.
 */
@ApplicationScoped
public class AuditLog {

    /** The appliance itself as an actor. A ':' cannot occur in a user name, so it is never mistaken for one. */
    public static final String SYSTEM_ACTOR = "runvault:system";
    private static final int ATTEMPTS = 5;
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    AuditWriter writer;

    @Inject
    Clock clock;

    // One appender at a time in this server, so the chain does not fork here; the unique seq
    // catches another server on the same database, and the loser retries on the new head.
    private final ReentrantLock appending = new ReentrantLock(true);

    /** Appends one event and returns its seq. The event is committed when this returns. */
    public long append(String actor, String action, String target, Map<String, ?> details) {
        String canonical = AuditChain.canonicalDetails(details);
        AuditRecord.checkNew(actor, action, target, canonical);
        appending.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return writer.appendNext(clock.instant(), actor, action, target, canonical).seq();
                } catch (RuntimeException failure) {
                    if (attempt >= ATTEMPTS || !isIntegrityViolation(failure)) {
                        throw failure;
                    }
                }
            }
        } finally {
            appending.unlock();
        }
    }

    /** Walks the whole chain in seq order, a batch at a time, and names the first broken link. */
    public AuditVerification verify() {
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
                after = event.seq();
            }
            if (batch.size() < BATCH) {
                return verifier.result();
            }
        }
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

    /** SQLState class 23 (a duplicate seq, on H2 and PostgreSQL alike) anywhere in the cause chain. */
    private static boolean isIntegrityViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
