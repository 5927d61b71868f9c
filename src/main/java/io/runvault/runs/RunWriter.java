package io.runvault.runs;

import io.runvault.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Inserts a run's index rows and its {@code run.commit} event in one transaction: a run is never
 * stored without its event, nor an event without its run. A duplicate id fails the whole insert.
 */
@ApplicationScoped
public class RunWriter {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Transactional
    public void insert(RunEntity run) {
        em.persist(run);
        em.flush();
        audit.append(run.committedBy(), "run.commit", run.id(), Map.of("name", run.name(), "experiment", run.experiment(),
                "fileCount", run.fileCount()));
    }
}
