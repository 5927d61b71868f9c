package io.runvault.mlflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads MLflow runs with their params, tags and latest metrics, a page at a time in a few statements. */
@ApplicationScoped
public class TrackedRuns {

    /** How many ids one IN list holds. */
    private static final int CHUNK = 500;

    @PersistenceContext(unitName = "runvault")
    EntityManager em;

    Optional<TrackedRun> find(String runId) {
        List<TrackedRun> runs = load(List.of(runId));
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    TrackedRun get(String runId) {
        return find(runId).orElseThrow(() -> MlflowException.missing("Run with id=" + runId + " not found"));
    }

    /** The runs of {@code ids} in that order; ids without a run are left out. */
    List<TrackedRun> load(List<String> ids) {
        List<TrackedRun> runs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            runs.addAll(loadChunk(ids.subList(from, Math.min(ids.size(), from + CHUNK))));
        }
        return runs;
    }

    private List<TrackedRun> loadChunk(List<String> ids) {
        Map<String, Map<String, String>> params = pairs("SELECT run_uuid, param_key, param_value FROM mlflow_param", ids);
        Map<String, Map<String, String>> tags = pairs("SELECT run_uuid, tag_key, tag_value FROM mlflow_tag", ids);
        Map<String, List<TrackedRun.MetricPoint>> metrics = new HashMap<>();
        for (Object row : select("SELECT run_uuid, metric_key, metric_value, logged_at, step FROM mlflow_latest_metric",
                ids, " ORDER BY metric_key")) {
            Object[] cells = (Object[]) row;
            metrics.computeIfAbsent((String) cells[0], k -> new ArrayList<>()).add(new TrackedRun.MetricPoint(
                    (String) cells[1], ((Number) cells[2]).doubleValue(), ((Number) cells[3]).longValue(),
                    ((Number) cells[4]).longValue()));
        }
        Map<String, TrackedRun> runs = new LinkedHashMap<>();
        for (Object row : select("SELECT run_uuid, experiment_id, run_name, user_id, status, start_time, end_time, "
                + "lifecycle_stage, runvault_run_id FROM mlflow_run", ids, "")) {
            Object[] cells = (Object[]) row;
            String id = (String) cells[0];
            runs.put(id, new TrackedRun(id, ((Number) cells[1]).longValue(), (String) cells[2], (String) cells[3],
                    (String) cells[4], ((Number) cells[5]).longValue(),
                    cells[6] == null ? null : ((Number) cells[6]).longValue(), (String) cells[7],
                    cells[8] == null ? null : ((String) cells[8]).trim(),
                    new TreeMap<>(params.getOrDefault(id, Map.of())), new TreeMap<>(tags.getOrDefault(id, Map.of())),
                    List.copyOf(metrics.getOrDefault(id, List.of()))));
        }
        List<TrackedRun> ordered = new ArrayList<>();
        for (String id : ids) {
            if (runs.containsKey(id)) {
                ordered.add(runs.get(id));
            }
        }
        return ordered;
    }

    /** Every logged value of one metric, by step then time. */
    List<TrackedRun.MetricPoint> history(String runId, String key, int offset, int limit) {
        Query query = em.createNativeQuery("SELECT metric_value, logged_at, step FROM mlflow_metric WHERE run_uuid = ? "
                + "AND metric_key = ? ORDER BY step, logged_at, metric_value LIMIT " + limit + " OFFSET " + offset)
                .setParameter(1, runId).setParameter(2, key);
        List<TrackedRun.MetricPoint> points = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] cells = (Object[]) row;
            points.add(new TrackedRun.MetricPoint(key, ((Number) cells[0]).doubleValue(), ((Number) cells[1]).longValue(),
                    ((Number) cells[2]).longValue()));
        }
        return points;
    }

    /** Every metric of a run with all its values, for the committed run's series. */
    Map<String, List<TrackedRun.MetricPoint>> histories(String runId) {
        Map<String, List<TrackedRun.MetricPoint>> histories = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT metric_key, metric_value, logged_at, step FROM mlflow_metric "
                + "WHERE run_uuid = ? ORDER BY metric_key, step, logged_at, metric_value").setParameter(1, runId).getResultList()) {
            Object[] cells = (Object[]) row;
            histories.computeIfAbsent((String) cells[0], k -> new ArrayList<>()).add(new TrackedRun.MetricPoint(
                    (String) cells[0], ((Number) cells[1]).doubleValue(), ((Number) cells[2]).longValue(),
                    ((Number) cells[3]).longValue()));
        }
        return histories;
    }

    private Map<String, Map<String, String>> pairs(String select, List<String> ids) {
        Map<String, Map<String, String>> pairs = new HashMap<>();
        for (Object row : select(select, ids, "")) {
            Object[] cells = (Object[]) row;
            pairs.computeIfAbsent((String) cells[0], k -> new HashMap<>()).put((String) cells[1], (String) cells[2]);
        }
        return pairs;
    }

    private List<?> select(String select, List<String> ids, String tail) {
        Query query = em.createNativeQuery(select + " WHERE run_uuid IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")" + tail);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 1, ids.get(i));
        }
        return query.getResultList();
    }
}
