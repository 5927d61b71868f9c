package io.runvault.mlflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** MLflow experiments: named groups of runs, soft-deleted and restored as in MLflow. */
@ApplicationScoped
public class ExperimentService {

    static final int MAX_NAME = 200;

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    @Inject
    Clock clock;

    /** The page of a search and the token of the next one (null on the last). */
    record Page(List<Experiment> experiments, String nextPageToken) {
    }

    /**
     * Creates the experiment; an active one of the same name is answered instead, so a client that
     * retries a create whose answer it lost carries on with the experiment the first call made.
     */
    @Transactional
    public long create(String name, List<String[]> tags) {
        checkName(name);
        Optional<Experiment> existing = byName(name);
        if (existing.isPresent()) {
            if (existing.get().lifecycleStage().equals("deleted")) {
                throw new MlflowException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment '" + name
                        + "' already exists in deleted state. Restore it, or choose another name");
            }
            return existing.get().id();
        }
        long now = clock.millis();
        em.createNativeQuery("INSERT INTO mlflow_experiment (name, lifecycle_stage, creation_time, last_update_time) "
                + "VALUES (?, 'active', ?, ?)").setParameter(1, name).setParameter(2, now).setParameter(3, now).executeUpdate();
        long id = byName(name).orElseThrow().id();
        for (String[] tag : tags) {
            setTag(id, tag[0], tag[1]);
        }
        return id;
    }

    public Experiment get(String id) {
        return find(parseId(id)).orElseThrow(() -> MlflowException.missing("No experiment with id " + id));
    }

    public Experiment getByName(String name) {
        return byName(name).orElseThrow(() -> MlflowException.missing("Could not find experiment with name '" + name + "'"));
    }

    public Optional<Experiment> byName(String name) {
        List<?> ids = em.createNativeQuery("SELECT id FROM mlflow_experiment WHERE name = ?").setParameter(1, name)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : find(((Number) ids.get(0)).longValue());
    }

    @Transactional
    public void rename(String id, String newName) {
        Experiment experiment = active(id);
        checkName(newName);
        if (!newName.equals(experiment.name()) && byName(newName).isPresent()) {
            throw new MlflowException(ErrorCode.RESOURCE_ALREADY_EXISTS, "An experiment named '" + newName + "' already exists");
        }
        em.createNativeQuery("UPDATE mlflow_experiment SET name = ?, last_update_time = ? WHERE id = ?")
                .setParameter(1, newName).setParameter(2, clock.millis()).setParameter(3, experiment.id()).executeUpdate();
    }

    /** Soft delete: the experiment and its runs leave searches; committed runs stay in the registry. */
    @Transactional
    public void delete(String id) {
        Experiment experiment = get(id);
        if (experiment.id() == 0) {
            throw MlflowException.invalid("The default experiment (id 0) cannot be deleted");
        }
        lifecycle(experiment, "deleted");
    }

    @Transactional
    public void restore(String id) {
        lifecycle(get(id), "active");
    }

    private void lifecycle(Experiment experiment, String stage) {
        long now = clock.millis();
        em.createNativeQuery("UPDATE mlflow_experiment SET lifecycle_stage = ?, last_update_time = ? WHERE id = ?")
                .setParameter(1, stage).setParameter(2, now).setParameter(3, experiment.id()).executeUpdate();
        em.createNativeQuery("UPDATE mlflow_run SET lifecycle_stage = ? WHERE experiment_id = ?")
                .setParameter(1, stage).setParameter(2, experiment.id()).executeUpdate();
    }

    @Transactional
    public void setTag(String id, String key, String value) {
        setTag(active(id).id(), key, value);
    }

    private void setTag(long id, String key, String value) {
        Limits.key(key);
        Limits.value("tag", key, value, Limits.MAX_REGISTRY_VALUE);
        em.createNativeQuery("DELETE FROM mlflow_experiment_tag WHERE experiment_id = ? AND tag_key = ?")
                .setParameter(1, id).setParameter(2, key).executeUpdate();
        em.createNativeQuery("INSERT INTO mlflow_experiment_tag (experiment_id, tag_key, tag_value) VALUES (?, ?, ?)")
                .setParameter(1, id).setParameter(2, key).setParameter(3, value).executeUpdate();
    }

    /** An experiment runs can be logged to: it exists and is not deleted. */
    Experiment active(String id) {
        Experiment experiment = get(id);
        if (!experiment.lifecycleStage().equals("active")) {
            throw MlflowException.invalid("The experiment " + id + " must be in the 'active' state; it is deleted");
        }
        return experiment;
    }

    public Page search(MlflowRequest request) {
        SearchFilter filter = SearchFilter.parse(request.text("filter"));
        List<SearchFilter.Order> orders = SearchFilter.orderBy(request.texts("order_by"));
        int size = SearchSql.pageSize(request, 1000);
        int offset = SearchSql.offset(request.text("page_token"));
        SearchSql sql = new SearchSql("SELECT e.id FROM mlflow_experiment e WHERE e.lifecycle_stage IN "
                + ViewType.of(request.text("view_type")).stages);
        for (SearchFilter.Clause clause : filter.clauses()) {
            switch (clause.entity()) {
                case TAG -> sql.append(" AND EXISTS (SELECT 1 FROM mlflow_experiment_tag t WHERE t.experiment_id = e.id "
                        + "AND t.tag_key = ? AND ", clause.key()).append(sql.condition("t.tag_value", clause) + ")");
                case ATTRIBUTE -> sql.compare(column(clause.key()), clause);
                default -> throw MlflowException.invalid("Experiments are searched by name, creation_time, "
                        + "last_update_time and tags, not by " + clause.entity().name().toLowerCase(java.util.Locale.ROOT) + "s");
            }
        }
        List<String> orderTerms = new ArrayList<>();
        for (SearchFilter.Order order : orders) {
            if (order.entity() != SearchFilter.Entity.ATTRIBUTE) {
                throw MlflowException.invalid("Experiments are ordered by name, experiment_id, creation_time or last_update_time");
            }
            orderTerms.add(column(order.key()) + (order.ascending() ? " ASC" : " DESC"));
        }
        orderTerms.add(orders.isEmpty() ? "e.creation_time DESC, e.id ASC" : "e.id ASC");
        sql.append(" ORDER BY " + String.join(", ", orderTerms));
        List<?> ids = sql.list(em, offset, size + 1);
        List<Experiment> page = new ArrayList<>();
        for (Object id : ids.subList(0, Math.min(size, ids.size()))) {
            page.add(find(((Number) id).longValue()).orElseThrow());
        }
        return new Page(page, ids.size() > size ? SearchSql.token(offset + size) : null);
    }

    private static String column(String attribute) {
        return switch (attribute) {
            case "name" -> "e.name";
            case "experiment_id" -> "e.id";
            case "creation_time" -> "e.creation_time";
            case "last_update_time" -> "e.last_update_time";
            default -> throw MlflowException.invalid("Experiments have no attribute '" + attribute
                    + "' (name, experiment_id, creation_time, last_update_time)");
        };
    }

    private Optional<Experiment> find(long id) {
        List<?> rows = em.createNativeQuery("SELECT id, name, lifecycle_stage, creation_time, last_update_time "
                + "FROM mlflow_experiment WHERE id = ?").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        TreeMap<String, String> tags = new TreeMap<>();
        for (Object tag : em.createNativeQuery("SELECT tag_key, tag_value FROM mlflow_experiment_tag WHERE experiment_id = ?")
                .setParameter(1, id).getResultList()) {
            Object[] cells = (Object[]) tag;
            tags.put((String) cells[0], (String) cells[1]);
        }
        return Optional.of(new Experiment(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), tags));
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw MlflowException.invalid("Invalid experiment id '" + id + "': experiment ids are numbers");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw MlflowException.invalid("An experiment needs a name");
        }
        if (name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw MlflowException.invalid("An experiment name is at most " + MAX_NAME
                    + " characters without control characters");
        }
    }
}
