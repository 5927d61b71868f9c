package io.runvault.jobs.crossval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * The recorded state of each fold of a cross-validation job. Each change is its own short
 * transaction, committed before the work goes on, so a restart after a stop, a failure or a
 * server kill sees exactly which folds already have their child run.
 */
@ApplicationScoped
public class CrossValidationFolds {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Clock clock;

    /** Creates the rows of folds 1..k that do not exist yet; folds left running by a killed execution become pending. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<CrossValidationFoldEntity> prepare(String jobId, int folds) {
        for (int fold = 1; fold <= folds; fold++) {
            CrossValidationFoldEntity row = em.find(CrossValidationFoldEntity.class,
                    new CrossValidationFoldEntity.Key(jobId, fold));
            if (row == null) {
                em.persist(new CrossValidationFoldEntity(jobId, fold, clock.instant()));
            } else if (row.state() == CrossValidationFoldEntity.State.RUNNING) {
                row.to(CrossValidationFoldEntity.State.PENDING, null, null, clock.instant());
            }
        }
        em.flush();
        return list(jobId);
    }

    public List<CrossValidationFoldEntity> list(String jobId) {
        return em.createQuery("SELECT f FROM CrossValidationFoldEntity f WHERE f.jobId = :job ORDER BY f.fold",
                CrossValidationFoldEntity.class).setParameter("job", jobId).getResultList();
    }

    public CrossValidationFoldEntity get(String jobId, int fold) {
        return em.find(CrossValidationFoldEntity.class, new CrossValidationFoldEntity.Key(jobId, fold));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void running(String jobId, int fold) {
        get(jobId, fold).to(CrossValidationFoldEntity.State.RUNNING, null, null, clock.instant());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void completed(String jobId, int fold, String runId) {
        get(jobId, fold).to(CrossValidationFoldEntity.State.COMPLETED, runId, null, clock.instant());
    }

    /** Stopped before it finished: trained again from the start by a restart. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void pending(String jobId, int fold) {
        get(jobId, fold).to(CrossValidationFoldEntity.State.PENDING, null, null, clock.instant());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(String jobId, int fold, String reason) {
        get(jobId, fold).to(CrossValidationFoldEntity.State.FAILED, null,
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, clock.instant());
    }
}
