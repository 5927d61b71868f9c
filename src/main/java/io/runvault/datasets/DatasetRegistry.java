package io.runvault.datasets;

import io.runvault.audit.AuditLog;
import io.runvault.audit.AuditedChanges;
import io.runvault.problem.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dataset rows: registered once under a unique name, audited, never changed. */
@ApplicationScoped
public class DatasetRegistry implements AuditedChanges {

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public Optional<DatasetEntity> find(String name) {
        return name == null || name.length() > 100 ? Optional.empty() : Optional.ofNullable(em.find(DatasetEntity.class, name));
    }

    public List<DatasetEntity> list() {
        return em.createQuery("SELECT d FROM DatasetEntity d ORDER BY d.name", DatasetEntity.class).getResultList();
    }

    /** Records the dataset and its audit event in one transaction; a taken name is a 409. */
    @Transactional
    public DatasetEntity record(String name, DatasetManifest manifest, String actor) {
        if (em.find(DatasetEntity.class, name) != null) {
            throw taken(name);
        }
        DatasetEntity row = new DatasetEntity(name, manifest, actor, clock.instant());
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException raced) {
            throw taken(name);
        }
        audit.append(actor, "dataset.register", name, Map.of("digest", row.digest(), "format", manifest.format().wire(),
                "classes", manifest.classes().size(), "train", manifest.count("train"), "val", manifest.count("val"),
                "test", manifest.count("test")));
        return row;
    }

    @Override
    public String action() {
        return "dataset.register";
    }

    @Override
    public List<String> targets(int first, int max) {
        return em.createQuery("SELECT d.name FROM DatasetEntity d ORDER BY d.name", String.class)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    static ConflictException taken(String name) {
        return new ConflictException("dataset-exists", "A dataset named " + name + " is already registered");
    }
}
