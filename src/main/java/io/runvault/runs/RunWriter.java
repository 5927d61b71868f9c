package io.runvault.runs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Inserts a run's index rows in one transaction; a duplicate id fails the whole insert. */
@ApplicationScoped
public class RunWriter {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Transactional
    public void insert(RunEntity run) {
        em.persist(run);
        em.flush();
    }
}
