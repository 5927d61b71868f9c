package io.runvault.runs;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the search as one SQL statement over the index tables (portable between H2 and PostgreSQL),
 * with keyset pagination on (sort value, id) so deep pages cost the same as the first.
 */
final class RunSearch {

    private final EntityManager em;
    private final boolean postgres;

    RunSearch(EntityManager em, boolean postgres) {
        this.em = em;
        this.postgres = postgres;
    }

    RunPage execute(RunQuery query) {
        List<Object> args = new ArrayList<>();
        boolean byMetric = query.sort().metric() != null;
        String sortColumn = byMetric ? "s.metric_value" : "r.created_at";
        String idColumn = byMetric ? "s.run_id" : "r.id";
        String direction = query.sort().descending() ? "DESC" : "ASC";
        StringBuilder sql = new StringBuilder("SELECT r.id, r.name, r.experiment, r.created_at, r.committed_at, "
                + "r.committed_by, r.file_count, r.total_bytes, " + sortColumn + " FROM run r");
        if (byMetric) {
            sql.append(" JOIN run_metric s ON s.run_id = r.id AND s.metric_key = ?");
            args.add(query.sort().metric());
        }
        sql.append(" WHERE 1 = 1");
        if (query.experiment() != null) {
            sql.append(" AND r.experiment = ?");
            args.add(query.experiment());
        }
        for (RunQuery.KeyValue tag : query.tags()) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_tag t WHERE t.run_id = r.id AND t.tag_key = ? AND t.tag_value = ?)");
            args.add(tag.key());
            args.add(tag.value());
        }
        for (RunQuery.KeyValue param : query.params()) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_param p WHERE p.run_id = r.id AND p.param_key = ? AND p.param_value = ?)");
            args.add(param.key());
            args.add(param.value());
        }
        for (RunQuery.MetricFilter metric : query.metrics()) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_metric m WHERE m.run_id = r.id AND m.metric_key = ? AND m.metric_value ")
                    .append(metric.op().sql).append(" ?)");
            args.add(metric.key());
            args.add(metric.value());
        }
        if (query.after() != null) {
            // (v, id) beyond the cursor, written as a plain range on v plus a tie-break, so that both
            // databases walk the (key, value, run_id) index instead of filtering every row.
            String beyond = query.sort().descending() ? "<" : ">";
            sql.append(" AND ").append(sortColumn).append(' ').append(beyond).append("= ? AND (")
                    .append(sortColumn).append(' ').append(beyond).append(" ? OR ").append(idColumn).append(' ')
                    .append(beyond).append(" ?)");
            Object value = byMetric ? (Object) query.after().sortValue() : (Object) (long) query.after().sortValue();
            args.add(value);
            args.add(value);
            args.add(query.after().runId());
        }
        // The equality-bound first column of the index leads the ORDER BY although it is constant:
        // only then does H2 read the (key, value, run_id) or (experiment, created_at, id) index in
        // order and stop after the page (a cursor page over 100,000 runs took 2 s without it, 20 ms
        // with it); PostgreSQL drops the constant column from the sort.
        String leading = byMetric ? "s.metric_key" : query.experiment() != null ? "r.experiment" : null;
        sql.append(" ORDER BY ");
        if (leading != null) {
            sql.append(leading).append(' ').append(direction).append(", ");
        }
        sql.append(sortColumn).append(' ').append(direction).append(", ").append(idColumn).append(' ').append(direction);
        sql.append(" LIMIT ").append(query.limit() + 1);

        plannedForTheseValues();
        Query statement = em.createNativeQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            statement.setParameter(i + 1, args.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = statement.getResultList();
        boolean more = rows.size() > query.limit();
        List<Object[]> page = more ? rows.subList(0, query.limit()) : rows;
        Map<String, Map<String, String>> tags = new HashMap<>();
        Map<String, Map<String, Double>> metrics = new HashMap<>();
        loadLabels(page, tags, metrics);
        Map<String, RunSummary> items = new LinkedHashMap<>();
        for (Object[] row : page) {
            String id = ((String) row[0]).trim();
            items.put(id, new RunSummary(id, (String) row[1], (String) row[2],
                    Instant.ofEpochMilli(((Number) row[3]).longValue()), Instant.ofEpochMilli(((Number) row[4]).longValue()),
                    (String) row[5], ((Number) row[6]).intValue(), ((Number) row[7]).longValue(),
                    tags.getOrDefault(id, Map.of()), metrics.getOrDefault(id, Map.of())));
        }
        String next = null;
        if (more) {
            Object[] last = page.get(page.size() - 1);
            next = new RunQuery.Cursor(query.sort().token(), ((Number) last[8]).doubleValue(),
                    ((String) last[0]).trim()).encode();
        }
        return new RunPage(List.copyOf(items.values()), next);
    }

    /**
     * PostgreSQL plans a statement prepared five times once for any values (a generic plan): for a
     * tag and metric filter sorted by time it then starts from every run with the tag instead of
     * walking the newest runs (150 ms instead of 24 ms at 100,000 runs). The search is planned for
     * its values instead, for this transaction only; planning takes about a millisecond.
     */
    private void plannedForTheseValues() {
        if (postgres) {
            em.createNativeQuery("SET LOCAL plan_cache_mode = force_custom_plan").executeUpdate();
        }
    }

    /** Tags and metrics of one page, in two statements rather than two per run. */
    private void loadLabels(List<Object[]> page, Map<String, Map<String, String>> tags,
                            Map<String, Map<String, Double>> metrics) {
        if (page.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(page.size(), "?"));
        Query tagQuery = em.createNativeQuery("SELECT run_id, tag_key, tag_value FROM run_tag WHERE run_id IN (" + marks + ")");
        Query metricQuery = em.createNativeQuery(
                "SELECT run_id, metric_key, metric_value FROM run_metric WHERE run_id IN (" + marks + ")");
        for (int i = 0; i < page.size(); i++) {
            tagQuery.setParameter(i + 1, page.get(i)[0]);
            metricQuery.setParameter(i + 1, page.get(i)[0]);
        }
        for (Object row : tagQuery.getResultList()) {
            Object[] cells = (Object[]) row;
            tags.computeIfAbsent(((String) cells[0]).trim(), k -> new TreeMap<>()).put((String) cells[1], (String) cells[2]);
        }
        for (Object row : metricQuery.getResultList()) {
            Object[] cells = (Object[]) row;
            metrics.computeIfAbsent(((String) cells[0]).trim(), k -> new TreeMap<>())
                    .put((String) cells[1], ((Number) cells[2]).doubleValue());
        }
    }
}
